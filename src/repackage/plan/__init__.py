"""Planning: Story + templates + media -> what each card and clip will show.

``plan.article`` makes the one ``RenderPlan`` per article the renderers
consume; ``plan.cards`` plans the image cards, ``plan.clip`` the vertical
clip's scenes, ``plan.fit`` fits their texts.
"""
