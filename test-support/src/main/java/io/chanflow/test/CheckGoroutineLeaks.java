package io.chanflow.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails each test of the annotated class (or the annotated test method) that leaves goroutines running, with the
 * default half-second grace period: shorthand for {@code @ExtendWith(GoroutineLeakCheck.class)}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GoroutineLeakCheck.class)
public @interface CheckGoroutineLeaks {
}
