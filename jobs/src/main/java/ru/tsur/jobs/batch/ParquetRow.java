package ru.tsur.jobs.batch;

import java.util.List;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The current row of a Parquet file, read column by column into plain fields (no Avro record in between), for the
 * columns a reader asked for, by their position in its list. A dictionary-encoded string column (region, sector,
 * status, topics: a few hundred distinct values over millions of rows) is decoded to Java strings once per
 * dictionary entry, so its rows share them. A column the file does not have reads as null (or 0 / false).
 */
public final class ParquetRow {
    private final Column[] columns;
    /** Converter of each field of the projected schema, in that schema's order. */
    private final Converter[] byField;
    /** Optional columns and lists: the only ones a row may leave unset, so the only ones reset between rows. */
    private final Column[] cleared;

    ParquetRow(MessageType projected, List<String> names) {
        columns = new Column[names.size()];
        byField = new Converter[projected.getFieldCount()];
        List<Column> mayBeUnset = new java.util.ArrayList<>();
        for (int f = 0; f < projected.getFieldCount(); f++) {
            Type t = projected.getType(f);
            Column c = column(t);
            columns[names.indexOf(t.getName())] = c;
            byField[f] = (Converter) c;
            if (!t.isPrimitive() || !t.isRepetition(Type.Repetition.REQUIRED)) {
                mayBeUnset.add(c);
            }
        }
        cleared = mayBeUnset.toArray(new Column[0]);
    }

    /** The file's schema reduced to the requested columns that it has, in the requested order. */
    static MessageType project(MessageType file, List<String> names) {
        List<Type> kept = names.stream().filter(file::containsField).map(file::getType).toList();
        return new MessageType(file.getName(), kept);
    }

    private static Column column(Type t) {
        if (!t.isPrimitive()) {
            return new StrList(t.asGroupType());
        }
        return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> new Str();
            case INT64, INT32 -> new Lng();
            case BOOLEAN -> new Bool();
            default -> throw new IllegalArgumentException("unsupported column type: " + t);
        };
    }

    GroupConverter root() {
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return byField[fieldIndex];
            }

            @Override
            public void start() {
                for (Column c : cleared) {
                    c.reset();
                }
            }

            @Override
            public void end() {
            }
        };
    }

    public String str(int i) {
        return columns[i] == null ? null : ((Str) columns[i]).value;
    }

    /** A timestamp or long column, null when absent. */
    public Long lng(int i) {
        Lng c = (Lng) columns[i];
        return c == null || !c.present ? null : c.value;
    }

    public long longValue(int i) {
        return columns[i] == null ? 0 : ((Lng) columns[i]).value;
    }

    public int intValue(int i) {
        return columns[i] == null ? 0 : (int) ((Lng) columns[i]).value;
    }

    public boolean bool(int i) {
        return columns[i] != null && ((Bool) columns[i]).value;
    }

    /** A list of strings joined with commas, each element's own commas replaced by spaces; "" when empty. */
    public String joined(int i) {
        return columns[i] == null ? "" : ((StrList) columns[i]).joined();
    }

    private interface Column {
        void reset();
    }

    /**
     * A string column's values, each passed through {@link #prepare} once: per dictionary entry when the page is
     * dictionary-encoded, else per value.
     */
    private abstract static class Strings extends PrimitiveConverter {
        private String[] dictionary;

        String prepare(String s) {
            return s;
        }

        abstract void accept(String s);

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary d) {
            dictionary = new String[d.getMaxId() + 1];
            for (int id = 0; id <= d.getMaxId(); id++) {
                dictionary[id] = prepare(d.decodeToBinary(id).toStringUsingUTF8());
            }
        }

        @Override
        public void addValueFromDictionary(int id) {
            accept(dictionary[id]);
        }

        @Override
        public void addBinary(Binary b) {
            accept(prepare(b.toStringUsingUTF8()));
        }
    }

    private static final class Str extends Strings implements Column {
        String value;

        @Override
        public void reset() {
            value = null;
        }

        @Override
        void accept(String s) {
            value = s;
        }
    }

    /** An int or long column. */
    private static final class Lng extends PrimitiveConverter implements Column {
        long value;
        boolean present;

        @Override
        public void reset() {
            value = 0;
            present = false;
        }

        @Override
        public void addLong(long v) {
            value = v;
            present = true;
        }

        @Override
        public void addInt(int v) {
            addLong(v);
        }
    }

    private static final class Bool extends PrimitiveConverter implements Column {
        boolean value;

        @Override
        public void reset() {
            value = false;
        }

        @Override
        public void addBoolean(boolean v) {
            value = v;
        }
    }

    /** A group whose one field is {@code child} (a list's repeated group), with nothing to do per group. */
    private static class OneChild extends GroupConverter {
        private final Converter child;

        OneChild(Converter child) {
            this.child = child;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return child;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }

    /**
     * A list of strings in either of Parquet's list layouts (Avro's default {@code repeated binary array}, or the
     * three-level {@code repeated group list { element }}). Topics are rule ids and never contain commas; a comma
     * would split the joined value, so it becomes a space (decided once per dictionary entry).
     */
    private static final class StrList extends OneChild implements Column {
        private final Elements elements;

        private StrList(Elements elements, GroupType list) {
            super(list.getType(0).isPrimitive() ? elements : new OneChild(elements));
            this.elements = elements;
            Type repeated = list.getType(0);
            Type element = repeated.isPrimitive() ? repeated : repeated.asGroupType().getType(0);
            if (!element.isPrimitive()
                    || element.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                throw new IllegalArgumentException("not a list of strings: " + list);
            }
        }

        StrList(GroupType list) {
            this(new Elements(), list);
        }

        String joined() {
            return elements.more != null ? elements.more.toString() : elements.first == null ? "" : elements.first;
        }

        @Override
        public void reset() {
            elements.first = null;
            elements.more = null;
        }
    }

    private static final class Elements extends Strings {
        String first;
        StringBuilder more;

        @Override
        String prepare(String s) {
            return s.indexOf(',') < 0 ? s : s.replace(',', ' ');
        }

        @Override
        void accept(String s) {
            if (first == null) {
                first = s;
            } else {
                if (more == null) {
                    more = new StringBuilder(first);
                }
                more.append(',').append(s);
            }
        }
    }
}
