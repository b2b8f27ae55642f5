/**
 * Runnable programs, one per idea of the Go concurrency tutorial, and the bridge use cases. Each has a
 * {@code main} and a {@code run(PrintStream)} that prints what the program says it should, so a test can run it and
 * check its output.
 */
package io.chanflow.examples;
