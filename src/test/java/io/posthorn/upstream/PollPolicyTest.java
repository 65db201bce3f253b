package io.posthorn.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollPolicyTest {
    /** Thu, 26 May 2022 04:00:00 GMT. */
    private static final Instant NOW = Instant.parse("2022-05-26T04:00:00Z");

    /** A random source whose nextDouble is always {@code value}: jitter 0.75 + value / 2. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is expected");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            seconds                        | 120                            | PT2M
            seconds, spaces                | ' 120 '                        | PT2M
            zero                           | 0                              | PT0S
            exactly a week                 | 604800                         | PT168H
            just over a week: capped       | 604801                         | PT168H
            nine digits: capped            | 999999999                      | PT168H
            twenty digits: capped          | 99999999999999999999           | PT168H
            HTTP date                      | Thu, 26 May 2022 04:10:00 GMT  | PT10M
            HTTP date with offset          | Thu, 26 May 2022 20:00:00 +0800 | PT8H
            HTTP date without weekday      | 26 May 2022 05:30:00 GMT       | PT1H30M
            HTTP date now                  | Thu, 26 May 2022 04:00:00 GMT  | PT0S
            HTTP date in the past          | Thu, 26 May 2022 03:00:00 GMT  | PT0S
            HTTP date a month on: capped   | Sun, 26 Jun 2022 04:00:00 GMT  | PT168H
            words                          | soon                           |
            negative                       | -5                             |
            fraction                       | 1.5                            |
            ISO date                       | 2022-05-26T04:10:00Z           |
            blank                          | ' '                            |
            absent                         |                                |
            """)
    void readsRetryAfter(String name, String value, String expected) {
        assertEquals(expected == null ? null : Duration.parse(expected), PollPolicy.retryAfter(value, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            first failure: every           | PT5M   | 1    | 0.5  | PT5M
            second: twice                  | PT5M   | 2    | 0.5  | PT10M
            third: four times              | PT5M   | 3    | 0.5  | PT20M
            fourth: eight times            | PT5M   | 4    | 0.5  | PT40M
            seventh                        | PT5M   | 7    | 0.5  | PT5H20M
            eighth: capped at 6 h          | PT5M   | 8    | 0.5  | PT6H
            lowest jitter                  | PT5M   | 1    | 0.0  | PT3M45S
            low jitter                     | PT5M   | 3    | 0.25 | PT17M30S
            high jitter                    | PT5M   | 3    | 0.75 | PT22M30S
            highest jitter                 | PT1H   | 1    | 0.999999 | PT1H14M59.998S
            lowest jitter at the cap       | PT5M   | 8    | 0.0  | PT4H30M
            high jitter never above 6 h    | PT5M   | 8    | 0.999999 | PT6H
            high jitter, below the cap     | PT1H   | 3    | 0.75 | PT4H30M
            zero failures: every           | PT5M   | 0    | 0.5  | PT5M
            negative failures: every       | PT5M   | -3   | 0.5  | PT5M
            twenty-first failure           | PT1M   | 21   | 0.5  | PT6H
            thousandth failure             | PT1M   | 1000 | 0.5  | PT6H
            every above the cap            | PT10H  | 1    | 0.5  | PT6H
            never sooner than a second     | PT0S   | 1    | 0.5  | PT1S
            """)
    void backsOffAfterFailures(String name, Duration every, int failures, double random, Duration expected) {
        assertEquals(NOW.plus(expected), new PollPolicy(fixed(random)).afterFailure(NOW, every, failures));
    }

    @Test
    void jitterStaysWithinAQuarterAndBackoffUnderSixHours() {
        Random seeded = new Random(20220526L);
        PollPolicy policy = new PollPolicy(seeded);
        Duration every = Duration.ofMinutes(3);
        for (int failures = 1; failures <= 40; failures++) {
            long base = Math.min(every.toMillis() << Math.min(failures - 1, 20), PollPolicy.MAX_BACKOFF.toMillis());
            for (int draw = 0; draw < 200; draw++) {
                long wait = Duration.between(NOW, policy.afterFailure(NOW, every, failures)).toMillis();
                assertTrue(wait >= (long) (base * 0.75) && wait <= Math.min((long) (base * 1.25), 6 * 3_600_000L),
                        failures + " failures: " + wait + " ms");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no empty poll                  | PT15M | 0   | PT0S   | PT15M
            9 empty polls                  | PT15M | 9   | PT0S   | PT15M
            10 empty polls: twice          | PT15M | 10  | PT0S   | PT30M
            19 empty polls                 | PT15M | 19  | PT0S   | PT30M
            20 empty polls: four times     | PT15M | 20  | PT0S   | PT1H
            500 empty polls                | PT15M | 500 | PT0S   | PT1H
            slowdown capped at 24 h        | PT8H  | 20  | PT0S   | PT24H
            twice 8 h                      | PT8H  | 10  | PT0S   | PT16H
            every above 24 h kept          | PT30H | 20  | PT0S   | PT30H
            floor above every              | PT1M  | 0   | PT10M  | PT10M
            floor below every              | PT1H  | 0   | PT10M  | PT1H
            floor below the slowdown       | PT15M | 20  | PT30M  | PT1H
            floor above the slowdown       | PT15M | 20  | PT2H   | PT2H
            floor capped at 24 h           | PT1M  | 0   | PT48H  | PT24H
            capped floor below every       | PT30H | 0   | PT48H  | PT30H
            """)
    void slowsDownWhenNothingIsNew(String name, Duration every, int emptyPolls, Duration floor, Duration expected) {
        assertEquals(NOW.plus(expected), new PollPolicy(fixed(0.5)).afterSuccess(NOW, every, emptyPolls, floor));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            max-age                        | max-age=600           |                               |                               | 0  | PT10M
            max-age among others           | public, max-age=600   |                               |                               | 0  | PT10M
            max-age quoted                 | max-age="600"         |                               |                               | 0  | PT10M
            max-age upper case, spaced     | MAX-AGE = 600         |                               |                               | 0  | PT10M
            max-age capped at 24 h         | max-age=999999        |                               |                               | 0  | PT24H
            max-age, eleven digits         | max-age=99999999999   |                               |                               | 0  | PT24H
            max-age beats Expires          | max-age=600           | Thu, 26 May 2022 06:00:00 GMT |                               | 0  | PT10M
            no max-age                     | no-cache              |                               |                               | 0  | PT0S
            look-alike directive           | x-max-age=600         |                               |                               | 0  | PT0S
            Expires relative to Date       |                       | Thu, 26 May 2022 05:00:00 GMT | Thu, 26 May 2022 04:30:00 GMT | 0  | PT30M
            Expires relative to now        |                       | Thu, 26 May 2022 05:00:00 GMT |                               | 0  | PT1H
            Expires, unreadable Date       |                       | Thu, 26 May 2022 05:00:00 GMT | yesterday                     | 0  | PT1H
            Expires in the past            |                       | Thu, 26 May 2022 03:00:00 GMT |                               | 0  | PT0S
            Expires 0                      |                       | 0                             |                               | 0  | PT0S
            ttl                            |                       |                               |                               | 30 | PT30M
            ttl above max-age              | max-age=600           |                               |                               | 30 | PT30M
            max-age above ttl              | max-age=3600          |                               |                               | 30 | PT1H
            ttl above Expires              |                       | Thu, 26 May 2022 04:10:00 GMT |                               | 30 | PT30M
            negative ttl                   |                       |                               |                               | -5 | PT0S
            nothing                        |                       |                               |                               | 0  | PT0S
            """)
    void readsUpstreamFloors(String name, String cacheControl, String expires, String date, int ttl, Duration expected) {
        assertEquals(expected, PollPolicy.upstreamFloor(cacheControl, expires, date, ttl, NOW));
    }

    @Test
    void floorsBeyondADayAreCappedWhenScheduling() {
        PollPolicy policy = new PollPolicy(fixed(0.5));
        Duration weekTtl = PollPolicy.upstreamFloor(null, null, null, 7 * 24 * 60, NOW);
        Duration farExpires = PollPolicy.upstreamFloor(null, "Sun, 26 Jun 2022 04:00:00 GMT", null, 0, NOW);
        assertEquals(Duration.ofDays(7), weekTtl);
        assertEquals(NOW.plus(Duration.ofHours(24)), policy.afterSuccess(NOW, Duration.ofMinutes(1), 0, weekTtl));
        assertEquals(NOW.plus(Duration.ofHours(24)), policy.afterSuccess(NOW, Duration.ofMinutes(1), 0, farExpires));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Cache-Control without max-age  | public        | Thu, 26 May 2022 05:00:00 GMT | PT1H
            s-maxage                       | s-maxage=600  |                               | PT10M
            """)
    void readsFloorsHttpWouldHonour(String name, String cacheControl, String expires, Duration expected) {
        assertEquals(expected, PollPolicy.upstreamFloor(cacheControl, expires, null, 0, NOW));
    }
}
