"""Planning: Story + templates + media -> what each card and clip will show.

``plan.cards`` plans the image cards, ``plan.clip`` the vertical clip's scenes.
"""
