"""Admin views of the city teams: inviting city staff records who sent the invitation."""

from wagtail.snippets.views.snippets import CreateView


class InvitationCreateView(CreateView):
    def save_instance(self):
        self.form.instance.invited_by = self.request.user
        return super().save_instance()
