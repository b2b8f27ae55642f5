package io.chanflow.reactor;

import io.chanflow.Go;
import io.chanflow.Goroutines;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits inside a test until every goroutine ended (an emitter finishing its last signal, a body unwinding). */
final class Leaks {
    private Leaks() {
    }

    static void awaitNoGoroutines() {
        try {
            Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .atMost(Duration.ofSeconds(10)).until(() -> Go.numGoroutine() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("goroutines still running:\n" + Goroutines.dump(), e);
        }
    }
}
