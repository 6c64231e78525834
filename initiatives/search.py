"""Full text for the initiative index, on top of its theme, country, city, kind and year filters."""

from core.full_text import clean_query, matching_ids, query_terms, visible_pages


def search_initiatives(queryset, query):
    """``queryset`` restricted to the initiatives matching ``query`` (unchanged if blank).

    Returns a plain queryset (``pk__in``), so the index can keep filtering, counting
    facets and paginating it; the order stays the caller's.
    """
    query = clean_query(query)
    if not query_terms(query):
        return queryset
    # Searching the Page model, not InitiativePage, keeps the backend's query simple.
    pages = visible_pages().filter(pk__in=queryset.values("pk"))
    return queryset.filter(pk__in=matching_ids(pages, query))
