package io.chanflow.examples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server: a Spring Boot WebFlux application on Reactor Netty whose endpoints are goroutines (see the package
 * documentation for the endpoints and the bridge rules they show).
 *
 * <p>Settings are Spring Boot's, given as arguments ({@code --server.port=9090}), system properties
 * ({@code -Dserver.port=9090}) or environment variables ({@code SERVER_PORT=9090}):
 * <ul>
 *   <li>{@code server.port}: the port, 8080 by default; 0 picks a free one;</li>
 *   <li>{@code server.address}: the address to bind, {@code 127.0.0.1} by default (see
 *       {@code application.properties}); {@code 0.0.0.0} listens on every interface.</li>
 * </ul>
 */
@SpringBootApplication(proxyBeanMethods = false)
public final class WebfluxServer {

    /** For Spring, which instantiates the application class; use {@link #start} or {@link #main}. */
    WebfluxServer() {
    }

    /** Starts the server and returns once it listens; it runs until the JVM stops or Ctrl-C. */
    public static void main(String[] args) {
        start(args);
    }

    /**
     * Starts the server and returns its application context once the server listens. The port it listens on is
     * the context's {@code local.server.port} property (the one bound, also when {@code server.port} was 0).
     * Closing the context stops the server: first every event stream (the {@link ServerContext} is cancelled),
     * then the web server.
     */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(WebfluxServer.class, args);
    }
}
