package io.chanflow.examples.patterns;

import io.chanflow.Channel;
import io.chanflow.Go;

import java.io.PrintStream;

/**
 * The tutorial's worker pool: three workers share a {@code jobs} channel and send on a {@code results} channel.
 *
 * <pre>{@code
 * for i := 0; i < 3; i++ { go worker() }       // for j := range jobs { results <- j * 2 }
 * go func() { for i := 0; i < 5; i++ { jobs <- i }; close(jobs) }()
 * for i := 0; i < 5; i++ { fmt.Println(<-results) }
 * }</pre>
 *
 * <p>Shows: closing {@code jobs} ends every worker's {@code for} loop; the main goroutine takes exactly five results.
 * Which worker doubles which job, and so the order of the results, is not deterministic.
 */
public final class WorkerPool {

    private WorkerPool() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        Channel<Integer> jobs = Channel.make();
        Channel<Integer> results = Channel.make();

        for (int w = 0; w < 3; w++) {
            Go.go(() -> {
                for (int j : jobs) {          // for j := range jobs
                    results.send(j * 2);
                }
            });
        }

        Go.go(() -> {
            for (int i = 0; i < 5; i++) {
                jobs.send(i);
            }
            jobs.close();
        });

        for (int i = 0; i < 5; i++) {
            out.println(results.receive());
        }
    }
}
