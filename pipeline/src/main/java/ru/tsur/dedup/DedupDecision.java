package ru.tsur.dedup;

import ru.tsur.schema.Post;

/**
 * The three dedup fields of a post. Methods: {@code new} opens an incident; {@code repost} / {@code reply} join the
 * parent's incident through the platform's own link; {@code exact} / {@code near} join through text; {@code noise}
 * is a post in no incident: a non-actionable or official post that neither a platform link nor (for citizens' posts)
 * a copied text ties to an existing incident, or a post without text.
 */
public record DedupDecision(String incidentId, String duplicateOf, String method) {
    public static final String NEW = "new";
    public static final String REPOST = "repost";
    public static final String REPLY = "reply";
    public static final String EXACT = "exact";
    public static final String NEAR = "near";
    public static final String NOISE = "noise";

    public static final DedupDecision NOISE_DECISION = new DedupDecision(null, null, NOISE);

    /** Incident ids are derived from the first post, so every task names the same incident the same way. */
    public static String incidentIdOf(String rootPostId) {
        return "inc:" + rootPostId;
    }

    /** Decision by text alone: {@code match == null} opens an incident rooted at the post. */
    public static DedupDecision byText(String postId, CopyMatch match) {
        if (match == null) {
            return new DedupDecision(incidentIdOf(postId), null, NEW);
        }
        return new DedupDecision(incidentIdOf(match.rootId()), match.rootId(), match.exact() ? EXACT : NEAR);
    }

    public static DedupDecision linked(ThreadRoot parent, boolean repost) {
        return new DedupDecision(parent.incidentId(), parent.rootId(), repost ? REPOST : REPLY);
    }

    /** Platform link of a post: the reposted post, else the post it replies to, else null. */
    public static String parentOf(Post p) {
        return p.getRepostOf() != null ? p.getRepostOf() : p.getReplyTo();
    }

    /** Whether a post is stored for text matching (and so may open an incident): an actionable citizen's post. */
    public static boolean indexable(Post p) {
        return p.getActionable() && !p.getOfficial();
    }

    /**
     * Whether a post only looks for an incident to join by text: a non-actionable citizen's post (the classifier
     * often calls a truncated or shouting copy "news"). It never opens an incident and is never stored, so noise can
     * neither seed an incident nor chain copies together.
     */
    public static boolean lookupOnly(Post p) {
        return !p.getActionable() && !p.getOfficial();
    }

    /**
     * Final decision: a known platform parent wins (an official answer or a citizen's reply joins the thread's
     * incident, a repost joins the original's); otherwise the text decision stands.
     */
    public static DedupDecision resolve(Post p, DedupDecision byText, ThreadRoot parent) {
        if (parent != null) {
            return linked(parent, p.getRepostOf() != null);
        }
        return byText == null ? NOISE_DECISION : byText;
    }

    /** What a post leaves for posts that repost it or reply to it (null when it belongs to no incident). */
    public ThreadRoot asThreadRoot(String postId, long ts) {
        return incidentId == null ? null : new ThreadRoot(incidentId, duplicateOf == null ? postId : duplicateOf, ts);
    }

    public boolean opensIncident() {
        return NEW.equals(method);
    }

    public Post applyTo(Post p) {
        p.setIncidentId(incidentId);
        p.setDuplicateOf(duplicateOf);
        p.setDedupMethod(method);
        return p;
    }
}
