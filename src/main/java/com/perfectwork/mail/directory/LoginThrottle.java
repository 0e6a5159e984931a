package com.perfectwork.mail.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted for every way in (the login form, HTTP Basic, API keys), so that guessing is refused before
 * a password hash is computed: one bcrypt check takes tens of milliseconds of CPU, and about twenty a second take two
 * cores. A caller asks {@link #wait} first and refuses the attempt (429 with {@code Retry-After}) when it says so, then
 * reports the outcome with {@link #failed} or {@link #succeeded}. A login is whatever was presented as one; an API key
 * is known by its {@linkplain ApiKeys#prefix prefix}.
 *
 * <p>Three counts, each with its threshold ({@link LoginThrottleSettings}):
 *
 * <ol>
 *   <li>one login from one address: one password guessed from one place;
 *   <li>one address, whatever the logins: one place trying many accounts or keys;
 *   <li>one login, whatever the addresses: many places guessing one password.
 * </ol>
 *
 * Past its threshold a count makes the next attempt wait, the wait doubling with each further failure up to a maximum;
 * an attempt before then is refused at once. No request is held back to slow it: a sleeping request would hold a
 * server thread for the attacker.
 *
 * <p>Nobody is locked out by someone else's failures: the last two counts do not stop a login at an address where it
 * signed in successfully not long ago (within {@code known-for}). An attack on an account from elsewhere, or a shared
 * address (an office behind one NAT) where others fail, leaves its owner's usual place open; only the owner's own
 * failures there stop them. A success clears the count of its login at its address only, so an attacker cannot wipe the
 * count of their address by signing in with an account of their own.
 *
 * <p>Cost: a check reads at most four entries of concurrent maps, without a lock or the database; only failures and
 * the first success of a login at an address in an hour write. Memory is bounded: each of the two tables keeps at
 * most {@code max-entries}, evicting the least used first, and forgets what is past.
 */
@Component
public class LoginThrottle {

    /** {@link UserAccounts}' longest login: a longer one names nobody, and is counted by its beginning. */
    private static final int LONGEST_LOGIN = 128;

    /** A known address is written again at most this often, so that a signed-in user's requests write nothing. */
    private static final long KNOWN_REFRESH_MILLIS = Duration.ofHours(1).toMillis();

    /** The failures of one count, the last one's time, and the time before which the next attempt is refused. */
    private record Failures(int count, long lastMillis, long waitUntilMillis) {}

    private final LoginThrottleSettings settings;
    private final Clock clock;
    private final Cache<String, Failures> failures;
    private final Cache<String, Long> knownAddresses;

    LoginThrottle(LoginThrottleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // the tables' own expiry only frees memory; whether a count still holds is decided from its times
        this.failures = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.maxDelay().plus(settings.forgetAfter()))
                .build();
        this.knownAddresses = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.knownFor())
                .build();
    }

    /** How long an attempt of this login from this address must wait; empty when it may be checked now. */
    public Optional<Duration> wait(String login, String address) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        long now = clock.millis();
        long until = waitUntil(atAddress(login, address), now);
        long elsewhere = Math.max(waitUntil(fromAddress(address), now), waitUntil(ofLogin(login), now));
        if (elsewhere > until && !known(login, address, now)) {
            until = elsewhere;
        }
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    /** A wrong password, an unknown login or key, an inactive account: counted on all three counts. */
    public void failed(String login, String address) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        count(atAddress(login, address), settings.loginAddressFailures(), now);
        count(fromAddress(address), settings.addressFailures(), now);
        count(ofLogin(login), settings.loginFailures(), now);
    }

    /** Clears the failures of this login at this address, which becomes known for it. */
    public void succeeded(String login, String address) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        String pair = atAddress(login, address);
        if (failures.getIfPresent(pair) != null) {
            failures.invalidate(pair);
        }
        Long last = knownAddresses.getIfPresent(pair);
        if (last == null || now - last >= KNOWN_REFRESH_MILLIS) {
            knownAddresses.put(pair, now);
        }
    }

    /** How many entries the two tables hold now, each at most {@code max-entries}. */
    long entries() {
        failures.cleanUp();
        knownAddresses.cleanUp();
        return failures.estimatedSize() + knownAddresses.estimatedSize();
    }

    private void count(String key, int threshold, long now) {
        failures.asMap().compute(key, (k, before) -> {
            int count = before == null || forgotten(before, now) ? 1 : before.count() + 1;
            return new Failures(count, now, count < threshold ? 0 : now + delayMillis(count - threshold));
        });
    }

    private long waitUntil(String key, long now) {
        Failures counted = failures.getIfPresent(key);
        return counted == null || forgotten(counted, now) ? 0 : counted.waitUntilMillis();
    }

    private boolean forgotten(Failures counted, long now) {
        return now - Math.max(counted.lastMillis(), counted.waitUntilMillis())
                >= settings.forgetAfter().toMillis();
    }

    private boolean known(String login, String address, long now) {
        Long last = knownAddresses.getIfPresent(atAddress(login, address));
        return last != null && now - last < settings.knownFor().toMillis();
    }

    /** The initial delay, doubled {@code doublings} times, at most the maximum. */
    private long delayMillis(int doublings) {
        long max = settings.maxDelay().toMillis();
        long delay = settings.initialDelay().toMillis();
        for (int i = 0; i < doublings && delay < max; i++) {
            delay *= 2;
        }
        return Math.min(delay, max);
    }

    // the three counts' keys, told apart by their first character; an address never holds a line break

    private static String atAddress(String login, String address) {
        return "P" + shortened(login) + "\n" + address;
    }

    private static String fromAddress(String address) {
        return "A" + address;
    }

    private static String ofLogin(String login) {
        return "L" + shortened(login);
    }

    private static String shortened(String login) {
        String given = login == null ? "" : login;
        return given.length() > LONGEST_LOGIN ? given.substring(0, LONGEST_LOGIN) : given;
    }
}
