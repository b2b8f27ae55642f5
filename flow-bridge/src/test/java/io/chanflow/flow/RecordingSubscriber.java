package io.chanflow.flow;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Flow.Subscriber} that records every signal and the thread it came on, requests {@code initial} on
 * subscribe, and fails a test that sees a signal out of the Reactive Streams order.
 */
class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch terminated = new CountDownLatch(1);
    final AtomicInteger completions = new AtomicInteger();
    final AtomicReference<Thread> signalThread = new AtomicReference<>();
    private final long initial;
    volatile Flow.Subscription subscription;
    private volatile boolean done;

    RecordingSubscriber(long initial) {
        this.initial = initial;
    }

    private void onSignal(String what) {
        Thread prev = signalThread.getAndSet(Thread.currentThread());
        if (prev != null && prev != Thread.currentThread()) {
            violations.add(what + " on " + Thread.currentThread() + " after signals on " + prev);
        }
        if (done) {
            violations.add(what + " after the terminal signal");
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null) {
            violations.add("second onSubscribe");
        }
        subscription = s;
        subscribed.countDown();
        if (initial > 0) {
            s.request(initial);
        }
    }

    @Override
    public void onNext(T item) {
        onSignal("onNext(" + item + ")");
        if (subscription == null) {
            violations.add("onNext before onSubscribe");
        }
        items.add(item);
    }

    @Override
    public void onError(Throwable t) {
        onSignal("onError(" + t + ")");
        done = true;
        error.set(t);
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        onSignal("onComplete");
        done = true;
        completions.incrementAndGet();
        terminated.countDown();
    }

    Flow.Subscription awaitSubscription() throws InterruptedException {
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no onSubscribe");
        }
        return subscription;
    }

    void awaitTerminated() throws InterruptedException {
        if (!terminated.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no terminal signal; items so far: " + items.size());
        }
    }

    void awaitItems(int n) {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                .until(() -> items.size() >= n);
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }
}
