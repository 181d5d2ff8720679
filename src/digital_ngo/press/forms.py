"""Forms of the press archive."""

from django import forms
from django.utils.translation import gettext_lazy as _

from digital_ngo.media.models import MediaOutlet
from digital_ngo.press.models import PressItem


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=PressItem.Kind.choices)
    outlet = forms.ModelChoiceField(
        label=_("Outlet"), queryset=MediaOutlet.objects.all(), required=False
    )
    published_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=PressItem.Language.choices)
    upload = forms.FileField(
        label=_("File (image, PDF or text)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.tif,.tiff,.pdf,.txt"}),
    )


class TextForm(forms.Form):
    text = forms.CharField(label=_("Reviewed text"), widget=forms.Textarea(attrs={"rows": 16}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *PressItem.Status.choices]
    )
