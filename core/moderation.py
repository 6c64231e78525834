"""Wagtail's moderation workflow between a city's draft and publication, and its emails.

Wagtail sends its workflow emails inside the request. We send ours through
Celery instead, in each recipient's language, and to the city that submitted:
Wagtail's own handlers are disconnected in ``CoreConfig.ready``.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.urls import reverse

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from core.emails import absolute_url, queue_templated_email

MODERATORS = "Moderators"
EDITORS = "Editors"
WORKFLOW_NAME = "Moderators approval"


def ensure_moderation_workflow():
    """Wagtail's default workflow (Moderators approve) on the whole tree. Idempotent.

    Wagtail's migrations create it; transactional tests flush it, and an older
    database may have renamed it: this puts it back.
    """
    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    moderators.permissions.add(admin_access)
    # What Wagtail's first migration gives Moderators: the whole tree and the media.
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.get_or_create(
            group=moderators,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, codename in (
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=moderators,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(moderators)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    # WorkflowTask directly: the workflow's cluster relation would only change memory.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def submit_for_moderation(page, user):
    """Put the latest revision of ``page`` into its workflow (resuming one that needs changes)."""
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state
    workflow = page.get_workflow()
    # A workflow without tasks would publish at once: never for a city's submission.
    if workflow is None or not workflow.tasks.exists():
        raise RuntimeError("No moderation workflow with a task: run ensure_moderation_workflow()")
    return workflow.start(page, user)


def _language(user, fallback):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or fallback


def reviewers_for(task_state):
    """Who reviews this task: its groups' members and superusers, not the submitter."""
    task = task_state.task.specific
    groups = getattr(task, "groups", None)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    condition = Q(is_superuser=True)
    if groups is not None:
        condition |= Q(groups__in=groups.all())
    users = users.filter(condition).distinct()
    requested_by = task_state.workflow_state.requested_by_id
    return users.exclude(pk=requested_by).select_related("wagtail_userprofile")


def _page_context(page):
    page = page.specific
    city = page.get_parent().specific if page.depth > 2 else None
    return {
        "title": page.get_latest_revision_as_object().title,
        "city": city.title if city else "",
        "language": page.locale.language_code,
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "review_url": absolute_url(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])),
    }


def notify_reviewers(sender, instance, user=None, **kwargs):
    """A task started: tell its reviewers, each in their admin language."""
    page = instance.workflow_state.content_object
    if not isinstance(page, Page):
        return
    context = {
        **_page_context(page),
        "submitted_by": (user.get_full_name() or user.get_username()) if user else "",
    }
    for reviewer in reviewers_for(instance):
        profile = getattr(reviewer, "wagtail_userprofile", None)
        if profile is not None and not profile.submitted_notifications:
            continue
        queue_templated_email(
            "moderation_submitted", reviewer.email, context, _language(reviewer, "en")
        )


def _notify_submitter(workflow_state, template, extra):
    page = workflow_state.content_object
    submitter = workflow_state.requested_by
    if not isinstance(page, Page) or submitter is None or not submitter.email:
        return
    page = page.specific
    context = {
        **_page_context(page),
        "public_url": page.full_url or "",
        "my_city_url": absolute_url(reverse("my_city")),
        **extra,
    }
    queue_templated_email(template, submitter.email, context, page.locale.language_code)


def notify_approved(sender, instance, user=None, **kwargs):
    _notify_submitter(instance, "moderation_approved", {})


def notify_rejected(sender, instance, user=None, **kwargs):
    task_state = instance.current_task_state
    comment = task_state.get_comment() if task_state else ""
    _notify_submitter(instance, "moderation_rejected", {"comment": comment})


def connect_signals():
    """Our Celery emails instead of Wagtail's in-request ones."""
    from wagtail.models import TaskState

    for signal, uid in (
        (task_submitted, "group_approval_task_submitted_email_notification"),
        (workflow_submitted, "workflow_state_submitted_email_notification"),
        (workflow_rejected, "workflow_state_rejected_email_notification"),
        (workflow_approved, "workflow_state_approved_email_notification"),
    ):
        signal.disconnect(dispatch_uid=uid, sender=TaskState)
        signal.disconnect(dispatch_uid=uid, sender=WorkflowState)
    task_submitted.connect(notify_reviewers, sender=TaskState, dispatch_uid="observatory_review")
    workflow_approved.connect(
        notify_approved, sender=WorkflowState, dispatch_uid="observatory_approved"
    )
    workflow_rejected.connect(
        notify_rejected, sender=WorkflowState, dispatch_uid="observatory_rejected"
    )
