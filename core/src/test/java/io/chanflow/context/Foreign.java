package io.chanflow.context;

import io.chanflow.Channel;
import io.chanflow.ReceiveChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Contexts implemented outside Chanflow, as Go's context tests define them, to test how Chanflow follows them. */
final class Foreign {
    private Foreign() {
    }

    /** Delegates everything to a Chanflow context: Go's {@code otherContext}. */
    record Wrapper(Context inner) implements Context {
        @Override
        public Optional<Instant> deadline() {
            return inner.deadline();
        }

        @Override
        public ReceiveChannel<Void> done() {
            return inner.done();
        }

        @Override
        public CancellationException err() {
            return inner.err();
        }

        @Override
        public <T> T value(Key<T> key) {
            return inner.value(key);
        }
    }

    /**
     * Delegates to a Chanflow context but reports its own {@code done()} channel, closed by {@link #close()}: Go's
     * {@code customDoneContext}. Chanflow cannot tell when it is cancelled except by watching that channel.
     */
    record OwnDone(Context inner, Channel<Void> doneChannel) implements Context {
        OwnDone(Context inner) {
            this(inner, Channel.make());
        }

        void close() {
            doneChannel.close();
        }

        @Override
        public Optional<Instant> deadline() {
            return inner.deadline();
        }

        @Override
        public ReceiveChannel<Void> done() {
            return doneChannel;
        }

        @Override
        public CancellationException err() {
            return inner.err();
        }

        @Override
        public <T> T value(Key<T> key) {
            return inner.value(key);
        }
    }

    /**
     * A cancellable context that follows its parent with {@link Context#afterFunc}: Go's {@code customContext}
     * ({@code newCustomContext}). Its own {@link #cancel()} sets {@link Context#CANCELED}.
     */
    static final class Following implements Context {
        private final Context parent;
        private final Channel<Void> done = Channel.make();
        private final AtomicBoolean once = new AtomicBoolean();
        private volatile CancellationException err;

        private Following(Context parent) {
            this.parent = parent;
        }

        static Following of(Context parent) {
            Following f = new Following(parent);
            Context.afterFunc(parent, () -> f.finish(parent.err()));
            return f;
        }

        void cancel() {
            finish(Context.CANCELED);
        }

        private void finish(CancellationException e) {
            if (once.compareAndSet(false, true)) {
                err = e;
                done.close();
            }
        }

        @Override
        public Optional<Instant> deadline() {
            return parent.deadline();
        }

        @Override
        public ReceiveChannel<Void> done() {
            return done;
        }

        @Override
        public CancellationException err() {
            return done.tryReceive().isClosed() ? err : null;
        }

        @Override
        public <T> T value(Key<T> key) {
            return parent.value(key);
        }
    }

    /**
     * A root context with its own cancellation and no values, which cancels one registered child when cancelled:
     * Go's {@code customCauseContext}.
     */
    static final class Root implements Context {
        private final Channel<Void> done = Channel.make();
        private volatile CancellationException err;
        private volatile CancelContext child;

        void cancel() {
            synchronized (this) {
                err = Context.CANCELED;
                done.close();
            }
            CancelContext c = child;
            if (c != null) {
                c.cancel();
            }
        }

        void setChild(CancelContext c) {
            child = c;
        }

        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public ReceiveChannel<Void> done() {
            return done;
        }

        @Override
        public CancellationException err() {
            return err;
        }

        @Override
        public <T> T value(Key<T> key) {
            return null;
        }
    }

    /** Breaks the contract: {@code done()} returns {@code null}. */
    static final class NullDone implements Context {
        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public ReceiveChannel<Void> done() {
            return null;
        }

        @Override
        public CancellationException err() {
            return null;
        }

        @Override
        public <T> T value(Key<T> key) {
            return null;
        }
    }
}
