package io.chanflow.context;


/** {@link Context#withoutCancel}: the parent's values, none of its cancellation. Go's {@code withoutCancelCtx}. */
final class WithoutCancelCtx extends UncancellableCtx {
    final Context parent;

    WithoutCancelCtx(Context parent) {
        this.parent = parent;
    }

    @Override
    public <T> T value(Key<T> key) {
        return ValueCtx.get(this, key);
    }

    @Override
    public String toString() {
        return ValueCtx.name(parent) + ".WithoutCancel";
    }
}
