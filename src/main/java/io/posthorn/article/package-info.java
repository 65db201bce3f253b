/**
 * Articles: splits a decoded file into front matter and body, types the front-matter fields
 * (title, Jekyll dates, categories, tags, published) and builds the immutable {@link
 * io.posthorn.article.Article} record the index holds. Bodies are not kept: {@link
 * io.posthorn.article.ArticleReader#readBody} re-reads them when a feed needs the content.
 */
package io.posthorn.article;
