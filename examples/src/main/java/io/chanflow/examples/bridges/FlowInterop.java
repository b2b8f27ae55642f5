package io.chanflow.examples.bridges;

import io.chanflow.ReceiveChannel;
import io.chanflow.context.CancelContext;
import io.chanflow.context.Context;
import io.chanflow.flow.FlowChannels;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * Channels and the JDK's {@code java.util.concurrent.Flow}, both ways, with no reactive library.
 *
 * <pre>{@code
 * go func() { for i := 1; i <= 5; i++ { out <- fmt.Sprint("item-", i) }; close(out) }()  // a producer...
 * for v := range in { sum += v }                                                        // ...and a consumer
 * }</pre>
 *
 * <p>Shows: {@code FlowChannels.produce} turns a blocking producer into a {@link Flow.Publisher} that a plain JDK
 * {@link Flow.Subscriber} consumes one request at a time; and {@code FlowChannels.subscribe(ctx, publisher, 8)}
 * turns a {@link SubmissionPublisher} into a channel of capacity 8 that a {@code for} loop drains until the
 * publisher closes.
 */
public final class FlowInterop {

    private FlowInterop() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** A JDK subscriber that asks for one element at a time and completes {@code result} with all of them. */
    static final class OneAtATime<T> implements Flow.Subscriber<T> {
        final CompletableFuture<List<T>> result = new CompletableFuture<>();
        private final List<T> items = new ArrayList<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(T item) {
            items.add(item);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(items);
        }
    }

    public static void run(PrintStream out) throws Exception {
        // channel -> Flow: each send waits for the subscriber's request
        Flow.Publisher<String> publisher = FlowChannels.<String>produce((ctx, ch) -> {
            for (int i = 1; i <= 5; i++) {
                ch.send(ctx, "item-" + i);
            }
        });
        OneAtATime<String> subscriber = new OneAtATime<>();
        publisher.subscribe(subscriber);
        out.println("received by the Flow.Subscriber: " + subscriber.result.get());

        // Flow -> channel: a SubmissionPublisher's items arrive on a channel of capacity 8
        try (CancelContext ctx = Context.withCancel(Context.background());
             SubmissionPublisher<Integer> submissions = new SubmissionPublisher<>()) {
            ReceiveChannel<Integer> in = FlowChannels.subscribe(ctx, submissions, 8);
            for (int i = 1; i <= 10; i++) {
                submissions.submit(i);
            }
            submissions.close();                          // onComplete: closes the channel after its elements

            int sum = 0;
            int count = 0;
            for (int v : in) {
                sum += v;
                count++;
            }
            out.println("received on the channel: " + count + " items, sum " + sum);
        }
    }
}
