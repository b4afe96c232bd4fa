import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from portal.models import User

PASSWORD = "een-goed-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address; ``roles=[Role.EDITOR]`` adds groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(
                *Group.objects.filter(name__in=[r.value for r in extracted])
            )

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )
