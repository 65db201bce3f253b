package io.posthorn.feed;

/**
 * RFC 5005 paged-feed links of one page; null where there is no such page.
 *
 * @param page     1-based page shown
 * @param lastPage number of pages (at least 1)
 */
public record Paging(int page, int lastPage, String first, String last, String previous, String next) {

    /** How many pages a feed of {@code entries} entries has at {@code perPage} a page: at least 1 (an empty feed is one empty page). */
    public static int pages(int entries, int perPage) {
        return Math.max(1, (entries + perPage - 1) / perPage);
    }

    /** The links every format writes, by relation, in document order; absent pages left out. */
    public java.util.Map<String, String> links() {
        java.util.Map<String, String> links = new java.util.LinkedHashMap<>();
        links.put("first", first);
        links.put("last", last);
        if (previous != null) {
            links.put("previous", previous);
        }
        if (next != null) {
            links.put("next", next);
        }
        return links;
    }
}
