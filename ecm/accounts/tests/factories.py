import factory

from ecm.accounts.models import RoleGrant, User
from ecm.accounts.roles import COUNCIL, Role

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A person; pass roles=[Role.HMI, ...] and, for council roles, council=..."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            RoleGrant.objects.create(user=self, role=role)
        if create:
            self.save()
        self.__dict__.pop("roles", None)  # forget a cached empty set

    @classmethod
    def council_user(cls, *, council, role=Role.LINK_OFFICER, **kwargs):
        assert role in COUNCIL.roles
        return cls(council=council, roles=[role], **kwargs)
