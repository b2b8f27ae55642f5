/**
 * Test support for code that uses Chanflow: {@link io.chanflow.test.GoroutineLeakCheck}, a JUnit Jupiter
 * extension that fails tests which leave goroutines running, and its shorthand annotation
 * {@link io.chanflow.test.CheckGoroutineLeaks}.
 */
package io.chanflow.test;
