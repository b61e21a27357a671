package ru.tsur.ingest;

/**
 * One record as it came off a source, before parsing: where it was read and its untouched bytes. A dead letter keeps
 * all of this so an operator can find and replay the original.
 *
 * @param origin topic name or file path
 * @param partition Kafka partition, -1 for files
 * @param offset Kafka offset or line number
 * @param value the original bytes (may be anything, including invalid UTF-8)
 */
public record SourceRecord(String origin, int partition, long offset, byte[] value) {}
