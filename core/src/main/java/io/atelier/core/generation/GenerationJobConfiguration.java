package io.atelier.core.generation;

import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the generation job with the job engine (which collects every {@link Task} bean). */
@Configuration(proxyBeanMethods = false)
class GenerationJobConfiguration {

    @Bean
    Task<String> generationTask(GenerationWorker worker) {
        return worker.task();
    }
}
