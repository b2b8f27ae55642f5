package io.chanflow.examples.patterns;

import io.chanflow.Channel;
import io.chanflow.Go;
import io.chanflow.ReceiveChannel;
import io.chanflow.SendChannel;
import io.chanflow.WaitGroup;

import java.io.PrintStream;

/**
 * Fan-out / fan-in: several workers read one {@code jobs} channel (fan-out) and their outputs are merged into one
 * channel (fan-in), closed once every worker is done.
 *
 * <pre>{@code
 * func worker(id int, jobs <-chan int, out chan<- int) {
 *     for j := range jobs { out <- j * 2 }
 * }
 * }</pre>
 *
 * <p>Shows: the {@link WaitGroup} that tells when the last worker has finished, so the merged channel can be
 * closed and the consumer's {@code for} loop ends. The order of the results is not deterministic; their sum is.
 */
public final class FanOutFanIn {

    private FanOutFanIn() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static void worker(int id, ReceiveChannel<Integer> jobs, SendChannel<String> out) throws InterruptedException {
        for (int j : jobs) {
            out.send("worker " + id + ": " + j + " -> " + (j * 2));
        }
    }

    public static void run(PrintStream out) throws Exception {
        Channel<Integer> jobs = Channel.make();
        Channel<String> merged = Channel.make();

        WaitGroup wg = new WaitGroup();
        for (int id = 1; id <= 3; id++) {             // fan-out: three workers on one channel
            int workerId = id;
            wg.go(() -> worker(workerId, jobs, merged));
        }
        Go.go(() -> {                                   // fan-in: close the merged channel after the last worker
            wg.await();
            merged.close();
        });

        Go.go(() -> {
            for (int i = 1; i <= 6; i++) {
                jobs.send(i);
            }
            jobs.close();
        });

        int count = 0;
        for (String line : merged) {
            out.println(line);
            count++;
        }
        out.println("results: " + count);
    }
}
