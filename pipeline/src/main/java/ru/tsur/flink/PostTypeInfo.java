package ru.tsur.flink;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import ru.tsur.schema.Post;

/**
 * Type of the streams that carry posts between operators: {@link PostSerializer} on the wire. Keyed state that holds
 * posts keeps declaring {@code AvroTypeInfo} (or {@code TypeInformation.of(Post.class)}), so checkpoints and savepoints
 * stay in Avro.
 */
public final class PostTypeInfo extends TypeInformation<Post> {
    private static final long serialVersionUID = 1L;

    public static final PostTypeInfo INSTANCE = new PostTypeInfo();

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

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Post> getTypeClass() {
        return Post.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Post> createSerializer(SerializerConfig config) {
        return PostSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "PostTypeInfo";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostTypeInfo;
    }

    @Override
    public int hashCode() {
        return PostTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof PostTypeInfo;
    }
}
