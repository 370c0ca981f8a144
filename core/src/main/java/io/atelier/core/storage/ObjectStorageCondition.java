package io.atelier.core.storage;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Which {@link ImageStore} is on: S3 when {@value #BUCKET} has text, the filesystem otherwise. Unlike
 * {@code @ConditionalOnProperty}, an empty value ({@code ATELIER_STORAGE_S3_BUCKET=}) counts as unset,
 * and every relaxed spelling counts (read through the {@link Binder}).
 */
public abstract sealed class ObjectStorageCondition extends SpringBootCondition {

    public static final String BUCKET = "atelier.storage.s3.bucket";

    private final boolean wantS3;

    ObjectStorageCondition(boolean wantS3) {
        this.wantS3 = wantS3;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean bucketSet = StringUtils.hasText(
                Binder.get(context.getEnvironment()).bind(BUCKET, Bindable.of(String.class)).orElse(null));
        ConditionMessage.Builder message = ConditionMessage.forCondition(wantS3 ? "S3 image storage" : "filesystem image storage");
        return bucketSet == wantS3
                ? ConditionOutcome.match(message.because(BUCKET + (bucketSet ? " is set" : " is not set")))
                : ConditionOutcome.noMatch(message.because(BUCKET + (bucketSet ? " is set" : " is not set")));
    }

    /** Matches when {@value #BUCKET} has text. */
    public static final class S3 extends ObjectStorageCondition {
        public S3() {
            super(true);
        }
    }

    /** Matches when {@value #BUCKET} is unset or empty. */
    public static final class FileSystem extends ObjectStorageCondition {
        public FileSystem() {
            super(false);
        }
    }
}
