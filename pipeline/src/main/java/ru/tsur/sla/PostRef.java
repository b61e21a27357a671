package ru.tsur.sla;

/**
 * What {@link PostIdResolver} remembers of a post of an incident: the incident, whether the post is official (a reply
 * to it then joins the incident too), and the event time it is remembered through. A Flink POJO (keyed state).
 */
public class PostRef {
    public String incidentId;
    public boolean official;
    public long until;

    public PostRef() {}

    public PostRef(String incidentId, boolean official, long until) {
        this.incidentId = incidentId;
        this.official = official;
        this.until = until;
    }
}
