package io.posthorn.feed;

/**
 * RFC 5005 paged-feed links of one page; null where there is no such page.
 *
 * @param page     1-based page shown
 * @param lastPage number of pages (at least 1)
 */
public record Paging(int page, int lastPage, String first, String last, String previous, String next) {
}
