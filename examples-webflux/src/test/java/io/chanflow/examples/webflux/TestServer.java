package io.chanflow.examples.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real server on a free loopback port, and a JDK HTTP client for it. One per test class: starting Spring Boot
 * costs a second or two.
 */
final class TestServer implements AutoCloseable {
    private final ConfigurableApplicationContext app;
    private final int port;
    /** HTTP/1.1 only: the JDK client would otherwise offer an h2c upgrade, which the server does not take. */
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private TestServer(ConfigurableApplicationContext app) {
        this.app = app;
        this.port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static TestServer start() {
        return new TestServer(WebfluxServer.start(
                "--server.address=127.0.0.1", "--server.port=0",
                "--spring.main.banner-mode=off", "--logging.level.root=warn"));
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    /** Stops the server (returns once it has stopped); the client stays usable. Idempotent. */
    void stopServer() {
        app.close();
    }

    /** Stops the server, then the client (dropping any connection a failed test left open). */
    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            http.shutdownNow();
        }
    }
}
