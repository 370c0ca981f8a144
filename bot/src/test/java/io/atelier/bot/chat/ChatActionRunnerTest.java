package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationImageInputs;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The chat actions, once for every platform: what each click submits (options and image inputs),
 * and what it refuses before any job exists.
 */
class ChatActionRunnerTest {

    static final String GEN = "7f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";
    static final String NEXT = "8f1c6c52-5a55-4a8e-9a4e-0b1f3c1d2e3f";
    static final byte[] IMAGE_3 = {(byte) 0x89, 'P', 'N', 'G', 3};

    ChatActions actions = mock(ChatActions.class);
    ChatImagine imagine = mock(ChatImagine.class);
    ChatDeliveries deliveries = mock(ChatDeliveries.class);
    GenerationService generations = mock(GenerationService.class);
    ModelCatalog catalog = mock(ModelCatalog.class);
    ChatDescribe describes = mock(ChatDescribe.class);
    ImageStore store = mock(ImageStore.class);
    ChatActionRunner runner = new ChatActionRunner(actions, imagine, deliveries, generations, catalog,
            ChatImageProperties.defaults(), describes, store);
    Caller caller = new Caller("team-1", "discord:111", false);
    DeliveryTarget target = new DeliveryTarget("chan-1", Map.of("token", "t"));
    Generation four = withImages(ChatFixtures.generation(GEN, "team-1", GenerationStatus.SUCCEEDED, 100, ChatFixtures.ALICE), 4);
    Generation next = ChatFixtures.generation(NEXT, "team-1", GenerationStatus.QUEUED, 0, ChatFixtures.BOB);

    @BeforeEach
    void setUp() {
        when(actions.authorize(any(), any())).thenAnswer(i -> new ChatActions.Authorized(i.getArgument(0), caller, four,
                i.getArgument(1, ActionId.class).action(), false));
        when(generations.openImage(any())).thenAnswer(i -> Optional.of(new ByteArrayInputStream(
                i.getArgument(0, StoredImage.class).index() == 2 ? IMAGE_3 : new byte[] {1})));
        when(imagine.submit(any(), any(), any(), any(), any())).thenReturn(new ImagineOutcome.Accepted(next, caller,
                null, "d2"));
        model("local/preview", new ModelCapabilities(List.of(), true, 4096, 10, true, true, true, true, true, 14, true, 2));
    }

    @Test
    void upscaleSubmitsTheImageAsTheInitImageOfAnUpscaleAtTheUpscalersFactor() {
        ActionOutcome outcome = runner.run(ChatFixtures.BOB, new ActionId(ChatAction.UPSCALE, 3, GEN), target);

        assertThat(outcome).isEqualTo(new ActionOutcome.Posted(next, "d2", true));
        ArgumentCaptor<ImagineOptions> options = ArgumentCaptor.forClass(ImagineOptions.class);
        ArgumentCaptor<ImageInputs> inputs = ArgumentCaptor.forClass(ImageInputs.class);
        verify(imagine).submit(eq(ChatFixtures.BOB), options.capture(), inputs.capture(), eq(target), isNull());
        assertThat(inputs.getValue().init().bytes()).isEqualTo(IMAGE_3);
        assertThat(inputs.getValue().upscale().factor()).isEqualTo(2);
        assertThat(inputs.getValue().upscale().sourceIndex()).isEqualTo(2);
        assertThat(inputs.getValue().size()).isEqualTo(new ImageSize(128, 128));
        assertThat(options.getValue().prompt()).isEqualTo("a fox, ink wash");
        assertThat(options.getValue().enhance()).isFalse();
        assertThat(options.getValue().count()).isEqualTo(1);
        assertThat(options.getValue().seed()).isEqualTo(42L);
    }

    @Test
    void withoutAnUpscalerTheImageIsShownAloneWithoutAJob() {
        model("local/preview", new ModelCapabilities(List.of(), true, 4096, 10, true, true, true, true, true));
        when(deliveries.track(any(), any(), any())).thenReturn("d-focus");

        ActionOutcome outcome = runner.run(ChatFixtures.BOB, new ActionId(ChatAction.UPSCALE, 3, GEN), target);

        assertThat(outcome).isEqualTo(new ActionOutcome.Posted(four, "d-focus", false));
        ArgumentCaptor<DeliveryTarget> focused = ArgumentCaptor.forClass(DeliveryTarget.class);
        verify(deliveries).track(eq(ChatFixtures.BOB), eq(four), focused.capture());
        assertThat(focused.getValue().focus()).isEqualTo(3);
        assertThat(focused.getValue().get("token")).isEqualTo("t");
        verify(imagine, never()).submit(any(), any(), any(), any(), any());
    }

    @Test
    void varyStartsFromTheImageAtItsStrengthKeepingSizeAndCount() {
        runner.run(ChatFixtures.BOB, new ActionId(ChatAction.VARY_SUBTLE, 3, GEN), target);
        runner.run(ChatFixtures.BOB, new ActionId(ChatAction.VARY_STRONG, 3, GEN), target);

        ArgumentCaptor<ImagineOptions> options = ArgumentCaptor.forClass(ImagineOptions.class);
        ArgumentCaptor<ImageInputs> inputs = ArgumentCaptor.forClass(ImageInputs.class);
        verify(imagine, times(2)).submit(any(), options.capture(), inputs.capture(), any(), any());
        assertThat(inputs.getAllValues()).extracting(ImageInputs::strength).containsExactly(0.35, 0.7);
        assertThat(inputs.getValue().init().bytes()).isEqualTo(IMAGE_3);
        assertThat(inputs.getValue().upscale()).isNull();
        assertThat(inputs.getValue().size()).isEqualTo(new ImageSize(64, 64));
        assertThat(options.getValue().count()).isEqualTo(4);
        assertThat(options.getValue().seed()).isNull();
    }

    @Test
    void aModelThatTakesNoImageMakesNoVariationsAndAFailedJobNoUpscale() {
        model("local/preview", new ModelCapabilities(List.of(), true, 4096, 10, false, false, true, true, true));
        ActionOutcome vary = runner.run(ChatFixtures.BOB, new ActionId(ChatAction.VARY_STRONG, 1, GEN), target);
        assertThat(vary).isInstanceOfSatisfying(ActionOutcome.Refused.class,
                r -> assertThat(r.failure().code()).isEqualTo("NO_VARIATIONS"));

        Generation failed = ChatFixtures.generation(GEN, "team-1", GenerationStatus.FAILED, 0, ChatFixtures.ALICE);
        doAnswer(i -> new ChatActions.Authorized(i.getArgument(0), caller, failed, ChatAction.UPSCALE, false))
                .when(actions).authorize(any(), any());
        ActionOutcome upscale = runner.run(ChatFixtures.BOB, new ActionId(ChatAction.UPSCALE, 1, GEN), target);
        assertThat(upscale).isInstanceOfSatisfying(ActionOutcome.Refused.class, r -> {
            assertThat(r.failure().code()).isEqualTo("NO_IMAGE");
            assertThat(r.failure().message()).isEqualTo("Only a finished image can be upscaled; this generation ended failed.");
        });
        verify(imagine, never()).submit(any(), any(), any(), any(), any());
        verifyNoInteractions(deliveries);
    }

    @Test
    void remixRunsTheFormsValuesOverTheGenerationsOptionsAndRefusesBadOnes() {
        ActionOutcome ok = runner.remix(ChatFixtures.BOB, new ActionId(ChatAction.REMIX, GEN),
                new RemixForm(GEN, " a fox at dawn ", "", "16:9", "", "7"), target);

        assertThat(ok).isInstanceOf(ActionOutcome.Posted.class);
        ArgumentCaptor<ImagineOptions> options = ArgumentCaptor.forClass(ImagineOptions.class);
        verify(imagine).submit(any(), options.capture(), eq(ImageInputs.NONE), eq(target), isNull());
        assertThat(options.getValue()).isEqualTo(new ImagineOptions("a fox at dawn", "16:9", null, true, 4, null,
                "local/preview", 7L, false));

        assertThat(remixCode(new RemixForm(GEN, "  ", null, null, null, null))).isEqualTo("INVALID_PROMPT");
        assertThat(remixCode(new RemixForm(GEN, "x", null, "wide", null, null))).isEqualTo("INVALID_ASPECT_RATIO");
        assertThat(remixCode(new RemixForm(GEN, "x", null, null, "nope/none", null))).isEqualTo("MODEL_NOT_FOUND");
        assertThat(remixCode(new RemixForm(GEN, "x", null, null, null, "seven"))).isEqualTo("INVALID_SEED");
    }

    @Test
    void cancelRefundsAndWakesTheMessagesAndAnEndedJobCannotBeCanceled() {
        Generation canceled = ChatFixtures.generation(GEN, "team-1", GenerationStatus.CANCELED, 0, ChatFixtures.ALICE);
        when(generations.cancel(caller, GEN)).thenReturn(canceled);

        assertThat(runner.run(ChatFixtures.ALICE, new ActionId(ChatAction.CANCEL, GEN), null))
                .isEqualTo(new ActionOutcome.Canceled(canceled, canceled.billing().creditsCharged()));
        verify(deliveries).wake(GEN);

        doThrow(new GenerationStateException("GENERATION_NOT_CANCELABLE", "ended")).when(generations).cancel(caller, GEN);
        when(generations.find(caller, GEN)).thenReturn(Optional.of(four));
        assertThat(runner.run(ChatFixtures.ALICE, new ActionId(ChatAction.CANCEL, GEN), null))
                .isInstanceOfSatisfying(ActionOutcome.Refused.class,
                        r -> assertThat(r.failure().message()).contains("already ended (succeeded)"));
    }

    @Test
    void aDescribedPromptIsImaginedOnlyInItsTenant() {
        when(describes.find(ChatFixtures.BOB, GEN)).thenReturn(Optional.of(new ChatDescribe.Stored(GEN, ChatPlatform.DISCORD,
                "guild-1", "111", List.of("one", "two", "three", "four"))));

        runner.run(ChatFixtures.BOB, new ActionId(ChatAction.IMAGINE_PROMPT, 2, GEN), target);

        verify(imagine).submit(ChatFixtures.BOB, ImagineOptions.ofPrompt("two"), ImageInputs.NONE, target, null);
        verifyNoInteractions(actions);
        when(describes.find(any(), anyString())).thenReturn(Optional.empty());
        assertThat(runner.run(ChatFixtures.BOB, new ActionId(ChatAction.IMAGINE_PROMPT, 2, GEN), target))
                .isInstanceOf(ActionOutcome.Refused.class);
    }

    @Test
    void retryOfAFailedVariationStartsFromTheSameImageAtTheSameStrength() throws Exception {
        Generation base = ChatFixtures.generation(GEN, "team-1", GenerationStatus.FAILED, 0, ChatFixtures.ALICE);
        Generation.Asked asked = base.asked();
        Generation failed = new Generation(base.id(), base.teamId(), base.status(), base.source(),
                new Generation.Asked(asked.model(), null, asked.originalPrompt(), asked.prompt(),
                asked.negativePrompt(),
                        null, false, asked.aspectRatio(), 96, 64, 4, asked.seed(), null, asked.options(),
                        asked.requestAsGiven(), asked.meta(), false),
                new Generation.Inputs("init-hash", "image/png", null, null, new GenerationImageInputs(0.7, null,
                        List.of(new GenerationImageInputs.Reference("ref-hash", "image/jpeg")))),
                new Generation.Progress(0, null, null, 1),
                new Generation.Outcome("PROVIDER_ERROR", "down", List.of(), null, base.outcome().warnings()),
                new Generation.Timing(base.timing().createdAt(), base.timing().updatedAt(), null,
                        base.timing().completedAt(), null),
                new Generation.Billing(4));
        doAnswer(i -> new ChatActions.Authorized(i.getArgument(0), caller, failed, ChatAction.RETRY, true))
                .when(actions).authorize(any(), any());
        when(store.open("init-hash")).thenReturn(Optional.of(new ByteArrayInputStream(IMAGE_3)));
        when(store.open("ref-hash")).thenReturn(Optional.of(new ByteArrayInputStream(new byte[] {7})));
        when(imagine.again(any(), any(), any(), any(), any())).thenReturn(new ImagineOutcome.Accepted(next, caller, null, "d3"));

        runner.run(ChatFixtures.ALICE, new ActionId(ChatAction.RETRY, GEN), target);

        ArgumentCaptor<ImageInputs> inputs = ArgumentCaptor.forClass(ImageInputs.class);
        verify(imagine).again(eq(ChatFixtures.ALICE), eq(failed), eq(ChatAction.RETRY), inputs.capture(), eq(target));
        assertThat(inputs.getValue().init().bytes()).isEqualTo(IMAGE_3);
        assertThat(inputs.getValue().strength()).isEqualTo(0.7);
        assertThat(inputs.getValue().size()).isEqualTo(new ImageSize(96, 64));
        assertThat(inputs.getValue().references()).singleElement()
                .satisfies(r -> assertThat(r.mimeType()).isEqualTo("image/jpeg"));
    }

    private String remixCode(RemixForm form) {
        ActionOutcome outcome = runner.remix(ChatFixtures.BOB, new ActionId(ChatAction.REMIX, GEN), form, target);
        return ((ActionOutcome.Refused) outcome).failure().code();
    }

    private void model(String id, ModelCapabilities caps) {
        String[] parts = id.split("/");
        ModelDescriptor descriptor = new ModelDescriptor(id, parts[0], parts[1], id, id, caps, 4000, 1);
        when(catalog.find(id)).thenReturn(Optional.of(new ModelCatalog.Entry(descriptor, mock(ImageProvider.class))));
    }

    /** The generation with {@code n} stored images of 64×64 (indexes 0 … n-1) and that image count. */
    static Generation withImages(Generation g, int n) {
        List<StoredImage> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(new StoredImage("img-" + i, g.id(), g.teamId(), i, "hash" + i, "tok" + i, "image/png", 64, 64, 100,
                    null, Instant.EPOCH));
        }
        Generation.Asked asked = g.asked();
        Generation.Outcome outcome = g.outcome();
        return new Generation(g.id(), g.teamId(), g.status(), g.source(),
                new Generation.Asked(asked.model(), asked.presetId(), asked.originalPrompt(), asked.prompt(),
                        asked.negativePrompt(), asked.template(), asked.autoEnhance(), asked.aspectRatio(),
                        asked.width(),
                        asked.height(), n, asked.seed(), asked.background(), asked.options(), asked.requestAsGiven(),
                        asked.meta(), asked.publicRequested()),
                new Generation.Inputs(g.inputs().editImageHash(), g.inputs().editImageMime(), g.inputs().maskHash(),
                        g.inputs().maskMime(), GenerationImageInputs.NONE),
                new Generation.Progress(g.progress().percent(), g.progress().message(), null, g.progress().attempts()),
                new Generation.Outcome(outcome.errorCode(), outcome.errorMessage(), images, outcome.providerRequestId(),
                        outcome.warnings()),
                g.timing(), g.billing());
    }
}
