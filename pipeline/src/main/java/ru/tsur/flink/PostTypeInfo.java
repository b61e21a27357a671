package ru.tsur.flink;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import ru.tsur.schema.Post;

/**
 * Type of the streams that carry posts between operators: {@link PostSerializer} on the wire. Keyed state that holds
 * posts keeps declaring {@code AvroTypeInfo} (or {@code TypeInformation.of(Post.class)}), so checkpoints and savepoints
 * stay in Avro.
 */
public final class PostTypeInfo {
    public static final TypeInformation<Post> INSTANCE = new SerializerType<>(Post.class, PostSerializer.INSTANCE);

    private PostTypeInfo() {}

    /**
     * The POJO type of {@code pojo} with its {@link Post} fields on {@link PostSerializer} (the others as Flink
     * extracts them): for records that carry a post across a shuffle.
     */
    public static <T> PojoTypeInfo<T> pojoWithPosts(Class<T> pojo) {
        TypeInformation<T> extracted = TypeExtractor.createTypeInfo(pojo);
        if (!(extracted instanceof PojoTypeInfo<T> info)) {
            throw new IllegalArgumentException(pojo + " is not a Flink POJO");
        }
        List<PojoField> fields = new ArrayList<>(info.getArity());
        for (int i = 0; i < info.getArity(); i++) {
            Field f = info.getPojoFieldAt(i).getField();
            fields.add(f.getType() == Post.class ? new PojoField(f, INSTANCE) : info.getPojoFieldAt(i));
        }
        return new PojoTypeInfo<>(pojo, fields);
    }
}
