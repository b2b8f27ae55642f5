/** The RxJava 3 bridge: channels as {@code Flowable}, {@code Single}, {@code Maybe} and {@code Completable}, and back. */
package io.chanflow.rxjava3;
