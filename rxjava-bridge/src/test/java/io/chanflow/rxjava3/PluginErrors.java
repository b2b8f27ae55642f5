package io.chanflow.rxjava3;

import static org.awaitility.Awaitility.await;

import io.chanflow.Go;
import io.chanflow.Goroutines;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records what reaches {@link RxJavaPlugins#onError} during one test (installed before it, reset after it), and
 * waits for goroutines to end inside a test.
 */
final class PluginErrors implements BeforeEachCallback, AfterEachCallback {
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        errors.clear();
        RxJavaPlugins.setErrorHandler(errors::add);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RxJavaPlugins.reset();
    }

    /** Waits until an error reached the handler, and returns the first, unwrapped from RxJava's wrapper. */
    Throwable awaitFirst() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !errors.isEmpty());
        Throwable e = errors.get(0);
        return e instanceof io.reactivex.rxjava3.exceptions.UndeliverableException u ? u.getCause() : e;
    }

    /** Waits for every goroutine to end, e.g. an emitter delivering its last signal. */
    static void awaitNoGoroutines() {
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> Go.numGoroutine() == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("goroutines still running:\n" + Goroutines.dump(), e);
        }
    }
}
