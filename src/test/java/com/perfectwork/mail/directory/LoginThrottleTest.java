package com.perfectwork.mail.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.MovableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ATTACKER = "203.0.113.7";
    private static final String HOME = "198.51.100.20";

    private final MovableClock clock = new MovableClock();
    private LoginThrottle throttle = throttle(true, 100_000);

    /** The defaults: 5 failures of a login at an address, 20 from an address, 10 of a login; 1 s doubling to 15 min. */
    private LoginThrottle throttle(boolean enabled, int maxEntries) {
        return new LoginThrottle(
                new LoginThrottleSettings(
                        enabled,
                        5,
                        20,
                        10,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(15),
                        Duration.ofHours(1),
                        Duration.ofDays(30),
                        maxEntries),
                clock);
    }

    @Test
    void theFifthFailureOfALoginAtAnAddressMakesTheNextAttemptWaitAndEachFurtherOneDoublesTheWait() {
        fail("ann", ATTACKER, 4);
        assertThat(throttle.wait("ann", ATTACKER)).isEmpty();

        throttle.failed("ann", ATTACKER);
        assertWaits("ann", ATTACKER, Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.wait("ann", ATTACKER)).isEmpty();

        throttle.failed("ann", ATTACKER);
        assertWaits("ann", ATTACKER, Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        throttle.failed("ann", ATTACKER);
        assertWaits("ann", ATTACKER, Duration.ofSeconds(4));
    }

    @Test
    void theWaitStopsGrowingAtItsMaximum() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("ann", ATTACKER);
            clock.advance(Duration.ofMinutes(15));
        }
        throttle.failed("ann", ATTACKER);
        assertWaits("ann", ATTACKER, Duration.ofMinutes(15));
    }

    @Test
    void aSuccessClearsTheFailuresOfItsLoginAtItsAddress() {
        fail("ann", HOME, 4);
        throttle.succeeded("ann", HOME);
        fail("ann", HOME, 4);
        assertThat(throttle.wait("ann", HOME)).isEmpty();
    }

    @Test
    void failuresAreForgottenAnHourAfterTheLastOneOrItsWait() {
        fail("ann", ATTACKER, 6);
        clock.advance(Duration.ofMinutes(59));
        throttle.failed("ann", ATTACKER);
        assertWaits("ann", ATTACKER, Duration.ofSeconds(4));

        clock.advance(Duration.ofHours(1).plusSeconds(4));
        throttle.failed("ann", ATTACKER);
        assertThat(throttle.wait("ann", ATTACKER)).as("counted anew from one").isEmpty();
    }

    @Test
    void anAttackFromOneAddressLeavesTheOwnerFreeElsewhere() {
        fail("ann", ATTACKER, 5);
        assertThat(throttle.wait("ann", ATTACKER)).isPresent();
        assertThat(throttle.wait("ann", HOME)).isEmpty();
        assertThat(throttle.wait("bob", ATTACKER)).isEmpty();
    }

    @Test
    void oneAddressTryingManyLoginsWaitsForEveryLoginItNeverSignedInWith() {
        throttle.succeeded("carol", ATTACKER);
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, ATTACKER);
        }
        assertWaits("someone-else", ATTACKER, Duration.ofSeconds(1));
        assertThat(throttle.wait("dave", HOME)).isEmpty();
        assertThat(throttle.wait("carol", ATTACKER))
                .as("a login that signed in there: colleagues behind one address do not lock each other out")
                .isEmpty();
    }

    @Test
    void manyAddressesGuessingOneLoginDoNotLockItsOwnerOutOfTheAddressTheySignInFrom() {
        throttle.succeeded("ann", HOME);
        for (int i = 0; i < 10; i++) {
            throttle.failed("ann", "203.0.113." + i);
        }
        assertWaits("ann", "203.0.113.200", Duration.ofSeconds(1));
        assertThat(throttle.wait("ann", HOME)).isEmpty();

        clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 10; i++) {
            throttle.failed("ann", "203.0.113." + i);
        }
        assertThat(throttle.wait("ann", HOME))
                .as("an address is known for a login a month after its last sign-in there, no longer")
                .isPresent();
    }

    @Test
    void theOwnersOwnFailuresStopThemEvenWhereTheySignedIn() {
        throttle.succeeded("ann", HOME);
        fail("ann", HOME, 5);
        assertThat(throttle.wait("ann", HOME)).isPresent();
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfLoginsAndAddresses() {
        throttle = throttle(true, 500);
        for (int i = 0; i < 10_000; i++) {
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            throttle.failed("login" + i, address);
            throttle.succeeded("login" + i, address);
        }
        assertThat(throttle.entries()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void aDisabledThrottleLetsEveryAttemptThrough() {
        throttle = throttle(false, 100);
        fail("ann", ATTACKER, 50);
        assertThat(throttle.wait("ann", ATTACKER)).isEmpty();
    }

    private void fail(String login, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(login, address);
        }
    }

    /** About this long: the movable clock also runs on between two readings. */
    private void assertWaits(String login, String address, Duration expected) {
        Optional<Duration> wait = throttle.wait(login, address);
        assertThat(wait).isPresent();
        assertThat(wait.get()).isLessThanOrEqualTo(expected).isGreaterThan(expected.minusMillis(500));
    }
}
