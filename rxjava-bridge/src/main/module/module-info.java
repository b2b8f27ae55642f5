/**
 * Chanflow's bridge between channels and RxJava 3's {@code Flowable}, {@code Single}, {@code Maybe} and
 * {@code Completable}. Start with {@link io.chanflow.rxjava3.RxChannels}.
 */
module io.chanflow.rxjava3 {
    requires transitive io.chanflow.flow;
    requires transitive io.reactivex.rxjava3;

    exports io.chanflow.rxjava3;
}
