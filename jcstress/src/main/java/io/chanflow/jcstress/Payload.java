package io.chanflow.jcstress;

/**
 * A mutable object handed from one thread to another through a channel. Its fields are plain (neither final nor
 * volatile), so a reader sees the writer's values only through a happens-before edge the channel provides; the tests
 * write non-zero values, so a 0 read back is a default value leaking through.
 */
final class Payload {
    int x;
    int y;
}
