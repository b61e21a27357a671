package ru.tsur.dedup;

import java.util.HashMap;
import java.util.Map;
import ru.tsur.schema.Post;

/**
 * The whole dedup decision in one thread, posts in publication order: text matching through {@link CopyIndex}
 * (band-local roots, as the streaming operators keep them) and platform links, like {@code DedupStage}. Used by the
 * evaluator and as the expected result of the streaming tests. Keeps thread roots without expiry; fine for a file.
 */
public final class SequentialDedup {
    private final CopyIndex index;
    private final Sketcher sketcher;
    private final Map<String, ThreadRoot> threads = new HashMap<>();

    public SequentialDedup(DedupOptions opts, boolean globalRoots) {
        this.index = new CopyIndex(opts, globalRoots);
        this.sketcher = opts.sketcher();
    }

    public DedupDecision add(Post p) {
        long ts = p.getPublishedAt().toEpochMilli();
        DedupDecision byText = null;
        if (DedupDecision.indexable(p)) {
            TextSketch sketch = sketcher.sketch(p);
            if (!sketch.isEmpty()) {
                byText = DedupDecision.byText(p.getId(), index.add(p.getId(), ts, sketch).match());
            }
        } else if (DedupDecision.lookupOnly(p)) {
            CopyMatch m = index.lookup(p.getId(), ts, sketcher.sketch(p)).match();
            byText = m == null ? null : DedupDecision.byText(p.getId(), m);
        }
        String parentId = DedupDecision.parentOf(p);
        ThreadRoot parent = parentId == null ? null : threads.get(parentId);
        DedupDecision d = DedupDecision.resolve(p, byText, parent);
        if (parentId == null) {
            ThreadRoot root = d.asThreadRoot(p.getId(), ts);
            if (root != null) {
                threads.put(p.getId(), root);
            }
        }
        return d;
    }

    public CopyIndex index() {
        return index;
    }
}
