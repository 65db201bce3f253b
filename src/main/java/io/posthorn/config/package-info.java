/**
 * Configuration: reads {@code feeds.yml} into immutable records and reports every bad or
 * unknown key with the file, line and key. Nothing here touches the article folders.
 */
package io.posthorn.config;
