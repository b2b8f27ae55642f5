/**
 * jcstress tests of the channel engine: each class pins one claim of the {@code Channel} contract against one race,
 * and is named after that race.
 *
 * <h2>How to read a test</h2>
 * <ul>
 *   <li>The class javadoc states the claim and which path of the engine the race goes through (buffer, parked
 *       waiter claimed by a counterpart, parked waiter claimed by a close, waiter giving up).</li>
 *   <li>Every outcome the claim allows is {@code ACCEPTABLE}; an outcome is {@code ACCEPTABLE_INTERESTING} when it
 *       shows that the narrow side of the race was actually hit. Every test ends with a catch-all
 *       {@code FORBIDDEN} outcome, so an outcome nobody thought of fails the run instead of passing unnoticed.</li>
 *   <li>Result fields hold small codes; each test lists its codes next to its result. {@code -1} always means "this
 *       side saw nothing (yet)", never a value read from memory, and the payload values written are never 0, so a
 *       0 always means "a default value was read".</li>
 * </ul>
 *
 * <h2>The slot</h2>
 * On an unbuffered channel the first receiver to wait, alone, waits in the channel's slot rather than in a queued
 * node (see the engine's Slot). So every test here in which one receive waits on an
 * unbuffered channel races against the slot's protocol: a sender's lock-free claim against the receiver's move to
 * parked, against its give-up (interrupt, timeout) and against a close. {@code SlotParkRaceTest} aims a hand-off at
 * the moment the receiver parks, and {@code SlotReuseTest} races a receiver freeing the slot against the next
 * operations on it.
 *
 * <h2>Blocking actors</h2>
 * Several tests block in {@code send} or {@code receive}. That is safe here: the harness runs every actor over the
 * same sequence of state objects in the same order, so an actor blocked on one state always meets its counterpart
 * there, and each test is built so that its blocking operation always has a counterpart (a matching operation, a
 * close, an interrupt or a timeout). A test that hangs anyway is reported by jcstress as timed out, and fails.
 * The harness threads are platform threads, which the engine parks and unparks exactly like virtual threads.
 *
 * <h2>Running</h2>
 * {@code mvn verify} runs the suite in jcstress's {@code sanity} mode, which only proves that every test runs. A
 * real run takes minutes to hours: {@code java -jar jcstress/target/jcstress.jar -m quick} (or {@code default},
 * {@code tough}); add {@code -t InterruptVsHandOff} to run one test.
 */
package io.chanflow.jcstress;
