package io.chanflow.examples.basics;

import io.chanflow.WaitGroup;
import io.chanflow.sync.Once;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lazy configuration loaded exactly once, however many goroutines ask for it first. In Go,
 *
 * <pre>{@code
 * var once sync.Once
 * once.Do(initConfig)
 * }</pre>
 *
 * Every caller returns from {@code run} only after the load finished, so all of them see the configuration.
 */
public final class OnceConfig {

    /** Goroutines that all want the configuration. */
    public static final int GOROUTINES = 50;

    private final Once once = new Once();
    private final AtomicInteger loads = new AtomicInteger();
    private Map<String, String> config; // written once, inside once.run; published by it

    private OnceConfig() {
    }

    Map<String, String> config() throws InterruptedException {
        once.run(this::initConfig);
        return config;
    }

    private void initConfig() {
        loads.incrementAndGet();
        config = Map.of("db.url", "jdbc:h2:mem:demo", "pool.size", "4");
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        OnceConfig app = new OnceConfig();
        WaitGroup wg = new WaitGroup();
        AtomicInteger sawConfig = new AtomicInteger();
        for (int i = 0; i < GOROUTINES; i++) {
            wg.go(() -> {
                if ("4".equals(app.config().get("pool.size"))) {
                    sawConfig.incrementAndGet();
                }
            });
        }
        wg.await();
        out.println("goroutines that saw the config: " + sawConfig.get());
        out.println("times the config was loaded:    " + app.loads.get());
    }
}
