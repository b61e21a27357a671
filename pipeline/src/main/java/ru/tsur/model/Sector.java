package ru.tsur.model;

import java.util.Locale;

/** The nine sectors a ЦУР sorts complaints into; {@link #slug()} is the value used in every dataset and file. */
public enum Sector {
    ROADS("Дороги"),
    HOUSING("ЖКХ и благоустройство"),
    WASTE("Вывоз ТБО"),
    TRANSPORT("Общественный транспорт"),
    HEALTH("Здравоохранение"),
    EDUCATION("Образование"),
    SOCIAL("Социальная защита"),
    CONSTRUCTION("Строительство"),
    OTHER("Прочее");

    private final String title;

    Sector(String title) {
        this.title = title;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Russian title for reports. */
    public String title() {
        return title;
    }

    public static Sector fromSlug(String slug) {
        for (Sector s : values()) {
            if (s.slug().equals(slug)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sector slug: " + slug);
    }
}
