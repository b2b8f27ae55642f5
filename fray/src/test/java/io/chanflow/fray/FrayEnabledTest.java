package io.chanflow.fray;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Guards the set-up. On a JVM that Fray did not instrument, Fray's extension does not fail: it reports each
 * {@code @ConcurrencyTest} as skipped, and the build would pass having explored nothing. This plain test fails
 * instead.
 */
class FrayEnabledTest {

    @Test
    void runsOnFraysInstrumentedJdk() throws IOException {
        Path release = Path.of(System.getProperty("java.home"), "release");
        assertTrue(Files.readAllLines(release).stream().anyMatch(l -> l.contains("IMPLEMENTOR=Fray")),
                "java.home is not Fray's instrumented JDK: " + release);
        assertTrue(System.getProperty("java.version").startsWith("25"), System.getProperty("java.version"));
    }

    @Test
    void engineSettingsArePassed() {
        assertNotNull(System.getProperty("io.chanflow.spins"), "io.chanflow.spins");
        assertNotNull(System.getProperty("io.chanflow.deposit"), "io.chanflow.deposit");
    }
}
