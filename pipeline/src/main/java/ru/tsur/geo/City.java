package ru.tsur.geo;

import java.time.ZoneOffset;

/**
 * A city of the gazetteer.
 *
 * @param name city name as written, e.g. "Нижний Новгород"
 * @param regionCode two-digit subject code (first digits of the KLADR id), e.g. "46"
 * @param region region name, e.g. "Курская область"
 * @param zone the city's UTC offset (Russia has no daylight saving time since 2014)
 * @param capital true for the region's administrative centre
 */
public record City(String name, String regionCode, String region, ZoneOffset zone, long population, boolean capital,
        String oktmo) {}
