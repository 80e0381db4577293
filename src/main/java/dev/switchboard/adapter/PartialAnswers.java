package dev.switchboard.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Not every node answered in time: what came, and how many were asked. */
public final class PartialAnswers extends RuntimeException {
    private final transient List<Object> answers;
    private final int asked;

    public PartialAnswers(List<Object> answers, int asked) {
        super("timeout reached: only " + answers.size() + " responses received out of " + asked);
        this.answers = Collections.unmodifiableList(new ArrayList<>(answers)); // an answer may be null
        this.asked = asked;
    }

    public List<Object> answers() {
        return answers;
    }

    public int asked() {
        return asked;
    }
}
