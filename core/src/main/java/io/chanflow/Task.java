package io.chanflow;

/**
 * The body of a goroutine: like {@link Runnable}, but it may throw checked exceptions (blocking channel calls
 * throw {@link InterruptedException}).
 */
@FunctionalInterface
public interface Task {
    void run() throws Exception;
}
