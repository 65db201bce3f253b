package io.posthorn.server;

import io.posthorn.article.Article;
import io.posthorn.index.FeedKey;
import io.posthorn.index.IndexSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --export DIR}: keeps an {@link Export} folder in step with the running server. It
 * starts with a whole pass (documents already exported are asked for with their ETag, so only
 * what changed while the server was down is rewritten); after that, each index update names the
 * feeds it touched, and a pass asks again for those feeds' documents (every page: a new entry
 * moves the others down), the pages of the articles that changed, and the global documents;
 * whatever no longer exists is deleted. Passes run one at a time on their own thread: updates
 * that arrive during a pass are gathered into the next one, so a burst of changes costs one
 * pass, not one per change. A configuration reload asks for a whole pass, and so does a pass that
 * failed (the server did not answer a document, a disk error), {@value #RETRY_SECONDS} s later.
 *
 * <p>Thread-safe: {@link #changed} and {@link #everything} may be called from any thread.
 */
final class ExportFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportFollower.class);

    private final Export export;
    private final Supplier<Site> site;
    /** After a pass that failed (the server did not answer, a disk error), a whole pass this much later. */
    static final long RETRY_SECONDS = 30;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "posthorn-export-follow");
        t.setDaemon(true);
        return t;
    });
    // what the next pass must ask for, guarded by this
    private boolean whole;
    private final Set<FeedKey> feeds = new HashSet<>();
    private boolean scheduled;
    /** The snapshot the folder was last brought in step with (articles are compared against it). */
    private IndexSnapshot synced;

    ExportFollower(Export export, Supplier<Site> site) {
        this.export = export;
        this.site = site;
    }

    /** Asks for a whole pass (the start, a configuration reload). */
    synchronized void everything() {
        whole = true;
        schedule();
    }

    /** An index update touched {@code affected}. */
    synchronized void changed(Set<FeedKey> affected) {
        feeds.addAll(affected);
        schedule();
    }

    private void schedule() {
        schedule(0);
    }

    /** Runs a pass after {@code delaySeconds} unless one is waiting already; called holding this. */
    private void schedule(long delaySeconds) {
        if (!scheduled) {
            scheduled = true;
            try {
                thread.schedule(this::pass, delaySeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled = false; // closed
            }
        }
    }

    private void pass() {
        boolean all;
        List<FeedKey> touched;
        IndexSnapshot before;
        synchronized (this) {
            scheduled = false;
            all = whole || synced == null;
            touched = new ArrayList<>(feeds);
            before = synced;
            whole = false;
            feeds.clear();
        }
        Site current = site.get();
        IndexSnapshot now = current.snapshot();
        int perPage = current.config().feeds().entries();
        try {
            Set<String> refresh = all ? null : Export.touched(now, perPage, touched, changedArticles(before, now));
            Export.Result r = export.sync(Export.paths(now, perPage), refresh);
            synchronized (this) {
                synced = now;
                if (r.failed() > 0) { // those documents kept their exported copies: ask for them again
                    whole = true;
                    schedule(RETRY_SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (IOException | RuntimeException e) {
            LOG.warn("export: the folder could not be brought in step ({}); a whole pass again in {} s", e.toString(),
                    RETRY_SECONDS);
            synchronized (this) {
                whole = true; // what this pass did not finish is asked for again
                schedule(RETRY_SECONDS);
            }
        }
    }

    /** The articles of {@code now} that are new or differ from {@code before}'s. */
    private static List<Article> changedArticles(IndexSnapshot before, IndexSnapshot now) {
        List<Article> out = new ArrayList<>();
        for (Article a : now.all()) {
            Article old = before.article(a.key()).orElse(null);
            if (old != a && !a.equals(old)) { // an article not re-read is the same object
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        export.close();
    }
}
