package io.chanflow.context;

import io.chanflow.Go;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A function waiting for a context's cancellation: Go's {@code afterFuncCtx}, behind {@link Context#afterFunc}. It
 * is a child of the context like a derived context, without being a context itself.
 *
 * <p>Running and stopping race through one CAS on {@link #state} (Go's {@code sync.Once}): the cancellation starts
 * {@code f} in a goroutine only if it moves {@code state} from {@code WAITING} to {@code STARTED}; {@link #stop()}
 * returns {@code true} only if it moves it to {@code STOPPED}. Exactly one wins, once.
 */
final class AfterFuncCtx extends Canceler implements AfterFunc {
    private static final int WAITING = 0;
    private static final int STARTED = 1;
    private static final int STOPPED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AfterFuncCtx.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Runnable f;
    /** {@link #WAITING}, then {@link #STARTED} or {@link #STOPPED}, never back. */
    private volatile int state;

    private AfterFuncCtx(Context ctx, Runnable f) {
        super(ctx);
        this.f = f;
    }

    static AfterFuncCtx create(Context ctx, Runnable f) {
        AfterFuncCtx a = new AfterFuncCtx(ctx, f);
        a.attach();
        return a;
    }

    @Override
    void cancel(boolean removeFromParent, CancellationException err, Throwable cause) {
        if (removeFromParent) {
            detach();
        }
        if (STATE.compareAndSet(this, WAITING, STARTED)) {
            Go.go(f::run);
        }
    }

    @Override
    public boolean stop() {
        if (!STATE.compareAndSet(this, WAITING, STOPPED)) {
            return false;
        }
        detach();
        return true;
    }

    @Override
    public String toString() {
        return "context.AfterFunc(" + ValueCtx.name(parent) + ")";
    }
}
