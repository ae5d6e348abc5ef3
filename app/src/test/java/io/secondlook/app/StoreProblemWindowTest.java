package io.secondlook.app;

import static io.secondlook.app.gui.WindowTestSupport.await;
import static io.secondlook.app.gui.WindowTestSupport.button;
import static io.secondlook.app.gui.WindowTestSupport.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.app.gui.MainWindow;
import io.secondlook.app.gui.StoreProblemDialog;
import io.secondlook.app.gui.WindowTestSupport;
import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.StoreOpening;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.worklist.WorklistEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Start-up on a database that another program holds locked (a real SQLite lock from another connection): the
 * dialog says what happened and which file, "Open read-only" opens it, and the window says so and refuses writes.
 */
@ExtendWith(ApplicationExtension.class)
class StoreProblemWindowTest {
    @TempDir
    static Path tmp;

    private static AppHome home;
    private Stage stage;
    private MainWindow window;
    private Workstation opened;

    @BeforeAll
    static void homeWithADatabase() throws Exception {
        home = new AppHome(tmp.resolve("home"));
        Workstation.open(home).close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void closeWindow() {
        if (window != null) {
            window.close();
        }
        if (opened != null) {
            opened.close();
        }
    }

    @Test
    void aLockedDatabaseOpensReadOnlyOnRequestAndTheWindowSaysSo(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(home.database());
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + home.database());
             Statement s = other.createStatement()) {
            s.executeUpdate("BEGIN EXCLUSIVE");
            s.executeUpdate("INSERT INTO patients (patient_id, issuer) VALUES ('LOCK', '')");
            CompletableFuture<Optional<Workstation>> opening = CompletableFuture.supplyAsync(() -> {
                try {
                    return StoreOpening.workstation(home, StoreProblemDialog::ask);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            await(60, () -> robot.lookup("#storeProblemDialog").tryQuery().isPresent(),
                    () -> "the database problem is shown");
            String text = label(robot, "#storeProblemText").getText();
            assertTrue(text.contains(home.database().toString()), text);
            assertTrue(text.contains("locked by another program"), text);
            assertTrue(robot.lookup("#retryButton").tryQuery().isPresent());
            assertTrue(robot.lookup("#quitButton").tryQuery().isPresent());
            assertFalse(robot.lookup("#restoreButton").tryQuery().isPresent(), "a locked file is not replaced");
            WindowTestSupport.screenshot(robot, robot.lookup("#storeProblemDialog").query().getScene(),
                    "store-locked-dialog");

            robot.clickOn("#readOnlyButton");
            opened = opening.get(60, TimeUnit.SECONDS).orElseThrow();
            assertTrue(opened.store().readOnly());
            robot.interact(() -> {
                window = new MainWindow(new WorkstationReadingService(opened));
                window.show(stage);
            });
            await(() -> robot.lookup("#readOnlyBanner").tryQuery().isPresent(), () -> "read-only banner");
            assertTrue(label(robot, "#readOnlyBanner").isVisible());
            assertTrue(label(robot, "#readOnlyBanner").getText().startsWith("Read-only"));

            await(30, () -> robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null
                    && c.getText().startsWith("DX Chest")).tryQuery().isPresent(), () -> "demo study listed");
            robot.clickOn(robot.lookup(".tree-cell").match(n -> n instanceof TreeCell<?> c && c.getText() != null
                    && c.getText().startsWith("DX Chest")).queryAs(Node.class));
            await(30, () -> window.viewport().displayedSliceProperty().get() == 0, () -> "the radiograph is shown");
            for (String control : new String[] {"#analyzeButton", "#acceptButton", "#rejectButton", "#exportButton"}) {
                assertTrue(button(robot, control).isDisabled(), control + " is disabled in read-only mode");
            }
            assertTrue(robot.lookup(".button").match(n -> n instanceof Button b && "Analyze series".equals(b.getText()))
                    .queryButton().isDisabled(), "no model run can be recorded read-only");
            robot.clickOn(robot.lookup(".tab").match(n -> "worklistTab".equals(n.getId())).queryAs(Node.class));
            @SuppressWarnings("unchecked")
            TableView<WorklistEntry> table = robot.lookup("#worklistTable").queryAs(TableView.class);
            await(30, () -> table.getItems().size() == 1, () -> "the worklist reads the locked database");
            WindowTestSupport.screenshot(robot, stage.getScene(), "read-only-window");
            s.executeUpdate("ROLLBACK");
        }
        assertEquals(before.length, Files.readAllBytes(home.database()).length, "read-only changed nothing");
    }
}
