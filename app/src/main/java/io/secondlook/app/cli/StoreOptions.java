package io.secondlook.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.secondlook.app.workflow.AppHome;
import io.secondlook.core.store.ClinicalStore;
import picocli.CommandLine.Option;

/** The {@code --read-only} option of the commands that only read the store, and their JSON output. */
final class StoreOptions {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--read-only", description = "Open the database read-only, e.g. while the workstation has it open"
            + " or when it is on read-only media.")
    boolean readOnly;

    ClinicalStore open(AppHome home) {
        if (readOnly) {
            return ClinicalStore.openReadOnly(home.database());
        }
        if (!java.nio.file.Files.exists(home.database())) {
            throw new IllegalStateException(home.database() + ": no database yet; import something first");
        }
        return ClinicalStore.open(home.database());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
