package io.chanflow.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Publisher} driven by the test: it records every {@code request(n)} and {@code cancel()} its one
 * subscriber makes, and the test emits signals by hand ({@link #next}, {@link #complete}, {@link #fail}).
 */
final class RecordingPublisher<T> implements Flow.Publisher<T> {
    final List<Long> requests = new CopyOnWriteArrayList<>();
    volatile boolean cancelled;
    volatile Flow.Subscriber<? super T> subscriber;

    @Override
    public void subscribe(Flow.Subscriber<? super T> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requests.add(n);
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        });
    }

    long totalRequested() {
        return requests.stream().mapToLong(Long::longValue).sum();
    }

    void next(T item) {
        subscriber.onNext(item);
    }

    void complete() {
        subscriber.onComplete();
    }

    void fail(Throwable t) {
        subscriber.onError(t);
    }
}
