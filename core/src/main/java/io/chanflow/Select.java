package io.chanflow;

import io.chanflow.internal.SelectCases;
import io.chanflow.internal.Selector;
import io.chanflow.internal.Failure;
import io.chanflow.internal.Signal;

/**
 * Go's {@code select}: waits on several channel operations and completes exactly one.
 *
 * <p>The statement form, with handlers that return nothing:
 * <pre>{@code
 * Select.select()                                         // select {
 *     .receive(messages, msg -> System.out.println(msg))  // case msg := <-messages: fmt.Println(msg)
 *     .send(signals, "hi", () -> System.out.println("sent"))   // case signals <- "hi": ...
 *     .receive(quit, x -> running.set(false))             // case <-quit: running = false
 *     .otherwise(() -> System.out.println("no activity")) // default: ...
 *     .run();                                             // }
 * }</pre>
 * The expression form, {@link #returning()}, gives the chosen handler's value:
 * <pre>{@code
 * String what = Select.<String>returning()
 *     .receive(results, r -> "result " + r)
 *     .receive(Time.after(Duration.ofSeconds(1)), t -> "timeout")
 *     .get();
 * }</pre>
 *
 * <h2>Semantics (Go's)</h2>
 * <ul>
 *   <li>Channels and values to send are evaluated once, when the case is added, before the select runs.</li>
 *   <li>If one or more cases can proceed, one of them is chosen <em>uniformly at random</em> (not the first one
 *       listed); its operation completes, then its handler runs.</li>
 *   <li>The default case ({@link #otherwise}) runs only if no case can proceed now. Without it, the select blocks
 *       until one case can proceed, and completes exactly that one: no value is lost and none is delivered twice.</li>
 *   <li>A receive case on a closed channel can always proceed and reports the closure: the
 *       {@link #receiveOrClosed} handler gets a {@link Received} that {@link Received#isClosed() isClosed()}; the
 *       value-only {@link #receive} handler gets {@code null}, Go's zero value (as {@code case v := <-ch} does).
 *       Use {@code receiveOrClosed} wherever closure must be told apart. On a channel closed with a cause
 *       ({@link SendChannel#close(Throwable)}) the value-only case throws that cause, as {@link
 *       ReceiveChannel#receive()} does, instead of handing over a {@code null} that would hide the failure.</li>
 *   <li>A send case on a closed channel, when chosen, throws {@link ChannelClosedException} ("send on closed
 *       channel", where Go panics), or the channel's cause.</li>
 *   <li>Cases on {@link Channel#nil()} are never ready. A select with no cases, or only nil cases, and no default
 *       blocks until interrupted.</li>
 *   <li>A select never pairs its own send with its own receive on one channel; the same channel may appear in
 *       several cases.</li>
 *   <li>The select is interruptible: {@link InterruptedException} if the thread is interrupted on entry or while
 *       blocked, and then no case completed. (If a case won the race against the interrupt, it completes and the
 *       interrupt flag stays set.) A case on a context's {@code done()} channel is the usual way to stop.</li>
 *   <li>A handler may throw {@link InterruptedException} (for example from a channel operation of its own); it
 *       propagates from {@link #run()} / {@link Returning#get()}, as does any unchecked exception.</li>
 * </ul>
 * A builder is for one select statement: build and run it where Go's {@code select} stands (in a loop, build it
 * in the loop: the operands are evaluated when added).
 *
 * <p>Memory consistency: as for the channel operation that the chosen case performs.
 */
public final class Select {

    /** A statement handler for a received value. */
    @FunctionalInterface
    public interface OnValue<T> {
        void accept(T value) throws InterruptedException;
    }

    /** A statement handler with no input: a completed send, or the default. */
    @FunctionalInterface
    public interface OnDone {
        void run() throws InterruptedException;
    }

    /** An expression handler for a received value. */
    @FunctionalInterface
    public interface MapValue<T, R> {
        R apply(T value) throws InterruptedException;
    }

    /** An expression handler with no input: a completed send, or the default. */
    @FunctionalInterface
    public interface Produce<R> {
        R get() throws InterruptedException;
    }

    private final SelectCases cases = new SelectCases();

    private Select() {
    }

    /** Starts a select statement: add cases, then {@link #run()}. */
    public static Select select() {
        return new Select();
    }

    /** Starts a select expression whose result is the chosen handler's value: add cases, then {@link Returning#get()}. */
    public static <R> Returning<R> returning() {
        return new Returning<>();
    }

    /** {@code case v := <-ch}: on closure the handler gets {@code null} (Go's zero value). */
    public <T> Select receive(ReceiveChannel<T> ch, OnValue<? super T> handler) {
        cases.addReceive(ch, handler, false);
        return this;
    }

    /** {@code case v, ok := <-ch}: the handler gets the value, or {@link Received#isClosed()} on closure. */
    public <T> Select receiveOrClosed(ReceiveChannel<T> ch, OnValue<? super Received<T>> handler) {
        cases.addReceive(ch, handler, true);
        return this;
    }

    /** {@code case ch <- value}: the handler runs after the value was delivered. */
    public <T> Select send(SendChannel<T> ch, T value, OnDone handler) {
        cases.addSend(ch, value, handler);
        return this;
    }

    /** {@code default}: runs only if no case can proceed now. */
    public Select otherwise(OnDone handler) {
        cases.setDefault(handler);
        return this;
    }

    /**
     * Runs the select: completes one case (blocking unless there is a default) and runs its handler.
     *
     * @throws InterruptedException if interrupted before a case completed, or thrown by the handler
     * @throws ChannelClosedException if a send case on a closed channel was chosen
     */
    @SuppressWarnings("unchecked")
    public void run() throws InterruptedException {
        int i = Selector.select(cases);
        switch (cases.kind(i)) {
            case SelectCases.SEND -> ((OnDone) cases.handler(i)).run();
            case SelectCases.RECEIVE_OK -> ((OnValue<Object>) cases.handler(i)).accept(Received.of(cases.received));
            default -> ((OnValue<Object>) cases.handler(i)).accept(zeroIfClosed(cases.received));
        }
    }

    /** Go's zero value for a value-only receive case that reports closure. */
    private static Object zeroIfClosed(Object received) {
        if (received instanceof Failure) {
            throw Failure.exception(received, "receive from closed channel");
        }
        return received == Signal.CLOSED ? null : received;
    }

    /**
     * The expression form of {@link Select}: each handler returns a value, and {@link #get()} returns the chosen
     * handler's value. Same semantics as the statement form.
     *
     * @param <R> the result type
     */
    public static final class Returning<R> {
        private final SelectCases cases = new SelectCases();

        private Returning() {
        }

        /** {@code case v := <-ch}: on closure the handler gets {@code null} (Go's zero value). */
        public <T> Returning<R> receive(ReceiveChannel<T> ch, MapValue<? super T, ? extends R> handler) {
            cases.addReceive(ch, handler, false);
            return this;
        }

        /** {@code case v, ok := <-ch}: the handler gets the value, or {@link Received#isClosed()} on closure. */
        public <T> Returning<R> receiveOrClosed(ReceiveChannel<T> ch,
                MapValue<? super Received<T>, ? extends R> handler) {
            cases.addReceive(ch, handler, true);
            return this;
        }

        /** {@code case ch <- value}: the handler runs after the value was delivered. */
        public <T> Returning<R> send(SendChannel<T> ch, T value, Produce<? extends R> handler) {
            cases.addSend(ch, value, handler);
            return this;
        }

        /** {@code default}: runs only if no case can proceed now. */
        public Returning<R> otherwise(Produce<? extends R> handler) {
            cases.setDefault(handler);
            return this;
        }

        /**
         * Runs the select and returns the chosen handler's value.
         *
         * @throws InterruptedException if interrupted before a case completed, or thrown by the handler
         * @throws ChannelClosedException if a send case on a closed channel was chosen
         */
        @SuppressWarnings("unchecked")
        public R get() throws InterruptedException {
            int i = Selector.select(cases);
            return switch (cases.kind(i)) {
                case SelectCases.SEND -> ((Produce<? extends R>) cases.handler(i)).get();
                case SelectCases.RECEIVE_OK ->
                        ((MapValue<Object, ? extends R>) cases.handler(i)).apply(Received.of(cases.received));
                default -> ((MapValue<Object, ? extends R>) cases.handler(i)).apply(zeroIfClosed(cases.received));
            };
        }
    }
}
