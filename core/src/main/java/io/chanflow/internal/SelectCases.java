package io.chanflow.internal;

import io.chanflow.ReceiveChannel;
import io.chanflow.SendChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The cases of one select, as the builders {@link io.chanflow.Select} and {@link io.chanflow.Select.Returning} collect them, and the
 * outcome the {@link Selector} engine leaves. Handlers are stored untyped; each builder knows their type.
 *
 * <p>Laid out flat to keep a select to a few small allocations: {@code ops} holds, per case, the channel engine
 * ({@code null} for the nil channel), the value to send and the handler; {@code kinds} holds the case kind.
 */
public final class SelectCases {
    public static final byte RECEIVE = 0, RECEIVE_OK = 1, SEND = 2;

    private static final int STRIDE = 3;

    private Object[] ops = new Object[4 * STRIDE];
    private byte[] kinds = new byte[4];
    private int n;
    private Object defaultHandler;
    private boolean hasDefault;

    /** Set by the engine for a chosen receive case: the element or {@link Signal#CLOSED}. */
    public Object received;

    public void addReceive(ReceiveChannel<?> ch, Object handler, boolean ok) {
        add(chanOf(ch), ok ? RECEIVE_OK : RECEIVE, null, handler);
    }

    public void addSend(SendChannel<?> ch, Object value, Object handler) {
        ChanEngine c = chanOf(ch);
        Objects.requireNonNull(value, "send of null element: channels do not carry null");
        add(c, SEND, value, handler);
    }

    public void setDefault(Object handler) {
        Objects.requireNonNull(handler, "handler");
        if (hasDefault) {
            throw new IllegalStateException("select: multiple defaults");
        }
        hasDefault = true;
        defaultHandler = handler;
    }

    private void add(ChanEngine c, byte kind, Object value, Object handler) {
        Objects.requireNonNull(handler, "handler");
        if (n == kinds.length) {
            ops = Arrays.copyOf(ops, 2 * n * STRIDE);
            kinds = Arrays.copyOf(kinds, 2 * n);
        }
        int k = n * STRIDE;
        ops[k] = c;
        ops[k + 1] = value;
        ops[k + 2] = handler;
        kinds[n] = kind;
        n++;
    }

    /** The channel engine behind a user's channel: {@code null} for the nil channel. */
    private static ChanEngine chanOf(Object ch) {
        Objects.requireNonNull(ch, "channel (use Channel.nil() for a case that is never ready)");
        if (ch instanceof ChanEngine c) {
            return c;
        }
        if (ch instanceof Nil) {
            return null;
        }
        throw new IllegalArgumentException("select: unsupported channel implementation " + ch.getClass().getName());
    }

    public int size() {
        return n;
    }

    public boolean hasDefault() {
        return hasDefault;
    }

    ChanEngine chan(int i) {
        return (ChanEngine) ops[i * STRIDE];
    }

    public Object value(int i) {
        return ops[i * STRIDE + 1];
    }

    public boolean isSend(int i) {
        return kinds[i] == SEND;
    }

    /** The kind of case {@code i}, or {@link #SEND} for the default (both take a no-argument handler). */
    public byte kind(int i) {
        return i == Selector.DEFAULT ? SEND : kinds[i];
    }

    public Object handler(int i) {
        return i == Selector.DEFAULT ? defaultHandler : ops[i * STRIDE + 2];
    }
}
