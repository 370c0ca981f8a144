package io.atelier.core.article;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Teams' articles. Ownership as everywhere: every call takes the {@link Caller}, and another
 * team's article is reported as not found, never as forbidden.
 */
@Service
public class ArticleService {

    public static final int MAX_PAGE_SIZE = 100;

    private final ArticleRepository repository;

    ArticleService(ArticleRepository repository) {
        this.repository = repository;
    }

    public Article create(Caller caller, ArticleDraft draft) {
        Article article = new Article(Ids.uuid(), caller.teamId(), draft.title(), draft.summary(), draft.keywords(),
                Timestamps.now());
        repository.insert(article);
        return article;
    }

    /** @throws ArticleNotFoundException for an unknown id or another team's article */
    public Article get(Caller caller, String id) {
        return find(caller, id).orElseThrow(() -> new ArticleNotFoundException(id));
    }

    public Optional<Article> find(Caller caller, String id) {
        return Ids.isUuid(id) ? repository.find(caller.teamId(), id.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * The caller's articles among {@code ids}, keyed by id in the order of {@code ids}; ids that
     * are unknown, malformed or another team's are simply absent.
     */
    public Map<String, Article> findAll(Caller caller, Collection<String> ids) {
        List<String> valid = ids.stream().filter(Ids::isUuid).map(id -> id.toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, Article> found = new LinkedHashMap<>();
        repository.findAll(caller.teamId(), valid).forEach(a -> found.put(a.id(), a));
        Map<String, Article> ordered = new LinkedHashMap<>();
        valid.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
        return ordered;
    }

    /** A page of the caller's articles, newest first; {@code limit} 1–{@value #MAX_PAGE_SIZE}. */
    public List<Article> list(Caller caller, int limit, int offset) {
        if (limit < 1 || limit > MAX_PAGE_SIZE || offset < 0) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE_SIZE + " and offset non-negative");
        }
        return repository.list(caller.teamId(), limit, offset);
    }

    /**
     * Deletes the caller's article. Generations already made from it stay (they are the team's
     * images); bulk requests keep reporting it by id.
     *
     * @throws ArticleNotFoundException for an unknown id or another team's article
     */
    public void delete(Caller caller, String id) {
        if (!Ids.isUuid(id) || !repository.delete(caller.teamId(), id.toLowerCase(Locale.ROOT))) {
            throw new ArticleNotFoundException(id);
        }
    }
}
